package dev.videop2r.cli.model;

import ai.djl.ndarray.NDManager;
import dev.videop2r.cli.LocalModelOptions;
import dev.videop2r.model.ParityCheck;
import dev.videop2r.model.QwenVLModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code videop2r model check}: runs a checkpoint on reference inputs and compares every reference tensor
 * (intermediates, logits, greedy tokens) — max absolute and scale-relative difference per tensor. Exit 0 when all
 * are within tolerance, 1 when any is over (or missing), 2 on bad input.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Compare a model's forward and greedy decoding with reference tensors (golden-fixture format).")
public final class ModelCheckCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = false, multiplicity = "1", heading = "Model:%n")
  LocalModelOptions model;

  @Option(names = "--inputs", required = true, paramLabel = "FILE",
      description = "inputs.safetensors: input_ids, attention_mask, pixel_values(_videos), *_grid_thw, second_per_grid_ts.")
  Path inputs;

  @Option(names = "--expected", required = true, paramLabel = "FILE",
      description = "expected.safetensors: reference tensors by name (logits, text_layer_N_out, video_block_N_out, ...).")
  Path expected;

  @Option(names = "--atol-vision", paramLabel = "TOLERANCE", defaultValue = "2e-4",
      description = "Absolute tolerance for vision tensors (names starting image_/video_). Default: ${DEFAULT-VALUE}.")
  double atolVision;

  @Option(names = "--atol-text", paramLabel = "TOLERANCE", defaultValue = "1e-3",
      description = "Absolute tolerance for all other float tensors (integers must match exactly). Default: ${DEFAULT-VALUE}.")
  double atolText;

  @Override
  public Integer call() {
    for (var entry : List.of(new Object[] {"--inputs", inputs}, new Object[] {"--expected", expected})) {
      if (!Files.isRegularFile((Path) entry[1])) {
        throw new IllegalArgumentException(entry[0] + ": no such file " + entry[1]);
      }
    }
    if (!Files.isDirectory(model.model())) {
      throw new IllegalArgumentException("--model: no such directory " + model.model());
    }
    PrintWriter out = spec.commandLine().getOut();
    List<ParityCheck.Diff> diffs;
    try (NDManager manager = NDManager.newBaseManager(model.announce(spec.commandLine().getErr()).djl());
        QwenVLModel m = QwenVLModel.load(model.model(), model.adapter(), manager, model.dataType())) {
      diffs = ParityCheck.run(m, inputs, expected, new ParityCheck.Tolerances(atolVision, atolText), manager);
    }
    out.printf("%-34s %12s %12s %10s  %s%n", "tensor", "max_abs", "max_rel", "tolerance", "result");
    int failed = 0;
    for (ParityCheck.Diff d : diffs) {
      String result = d.problem() != null ? "FAIL (" + d.problem() + ")" : d.passed() ? "ok" : "FAIL";
      out.printf("%-34s %12.3e %12.3e %10s  %s%n", d.name(), d.maxAbs(), d.maxRel(),
          d.integer() ? "exact" : String.format("%.0e", d.tolerance()), result);
      if (!d.passed()) {
        failed++;
      }
    }
    out.printf("%d tensors compared, %d over tolerance%n", diffs.size(), failed);
    out.flush();
    return failed == 0 ? 0 : 1;
  }
}
