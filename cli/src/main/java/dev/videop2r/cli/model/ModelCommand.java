package dev.videop2r.cli.model;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code videop2r model}: tools for Qwen2.5-VL checkpoints. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Qwen2.5-VL checkpoint tools: parity check against reference tensors, random init, LoRA merge, memory plan.",
    subcommands = {ModelCheckCommand.class, ModelInitCommand.class, ModelMergeCommand.class, ModelPlanCommand.class})
public final class ModelCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
