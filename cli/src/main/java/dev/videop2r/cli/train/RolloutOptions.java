package dev.videop2r.cli.train;

import dev.videop2r.cli.data.EndpointOptions;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.generate.Generator;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.serve.rollout.LoraWeightSync;
import dev.videop2r.serve.rollout.ReloadWeightSync;
import dev.videop2r.serve.rollout.RemoteRolloutEngine;
import dev.videop2r.serve.rollout.RolloutServers;
import dev.videop2r.serve.rollout.WeightSync;
import dev.videop2r.training.rl.EmbeddedRolloutEngine;
import dev.videop2r.training.rl.RolloutEngine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Where {@code rl} samples its rollouts: the embedded generator, or OpenAI-compatible servers (docs/serve.md). */
final class RolloutOptions {
  /** Consecutive failures after which a rollout server leaves the rotation. */
  private static final int DROP_AFTER = 3;

  @Option(names = "--rollout-url", split = ",", paramLabel = "URL",
      description = "API roots of OpenAI-compatible servers (videop2r serve, vLLM) to sample rollouts on, comma"
          + " separated; prompts are spread over them. Default: the embedded generator.")
  List<String> baseUrls = List.of(); // named as RolloutServers names it, so its errors read as this flag

  @Option(names = "--rollout-model", paramLabel = "NAME", description = "The model name the rollout servers serve.")
  String model;

  @Option(names = "--rollout-key-env", defaultValue = "VIDEOP2R_SERVE_API_KEY", paramLabel = "VAR",
      description = "Environment variable holding the rollout servers' bearer key (default: ${DEFAULT-VALUE}).")
  String keyEnv;

  @Option(names = "--rollout-weight-sync", defaultValue = "auto", paramLabel = "auto|lora|reload|none",
      description = "After each optimizer step: lora (save the adapter under <out>/rollout-weights and load it on"
          + " every server under a new name: serve --enable-lora, or vLLM with runtime LoRA updating), reload (save"
          + " the whole policy there and have every server load it: serve --allow-weight-reload; moves the whole"
          + " model per step) or none (the servers keep their weights: off-policy). auto (default): lora with"
          + " --lora-rank, else reload. The servers must see <out> at the same path.")
  String weightSync;

  RolloutEngine engine(QwenVLModel policy, HfTextTokenizer tokenizer, Path out, EndpointOptions endpoint,
      PrintStream log) {
    if (baseUrls.isEmpty()) {
      if (model != null) {
        throw new IllegalArgumentException("--rollout-model needs --rollout-url");
      }
      return new EmbeddedRolloutEngine(new Generator(policy, policy.manager(), tokenizer.specialTokens().pad(),
          Generator.inputOnlyTokens(policy.config())), tokenizer.specialTokens().eos());
    }
    if (model == null) {
      throw new IllegalArgumentException("--rollout-url needs --rollout-model (the name the servers serve)");
    }
    Path syncDir = out.resolve("rollout-weights");
    String mode = weightSync.strip().toLowerCase(Locale.ROOT);
    if (mode.equals("auto")) {
      mode = policy.adapters().isPresent() ? "lora" : "reload";
    }
    WeightSync sync = switch (mode) {
      case "lora" -> new LoraWeightSync(policy.adapters().orElseThrow(() -> new IllegalArgumentException(
          "--rollout-weight-sync lora needs --lora-rank (the policy has no adapters)")), syncDir);
      case "reload" -> {
        if (policy.adapters().isPresent()) {
          throw new IllegalArgumentException("--rollout-weight-sync reload would send the base weights without the"
              + " trained adapters; use lora (the default with --lora-rank)");
        }
        yield new ReloadWeightSync(policy::save, syncDir);
      }
      case "none" -> {
        log.println("rl: warning: --rollout-weight-sync none: the rollout servers keep their weights, so rollouts"
            + " drift off-policy as training goes (watch logp_mismatch)");
        yield WeightSync.NONE;
      }
      default -> throw new IllegalArgumentException("--rollout-weight-sync must be auto, lora, reload or none, got '"
          + weightSync + "'");
    };
    RolloutServers servers = new RolloutServers(baseUrls, EndpointOptions.key(keyEnv), endpoint.timeout(), DROP_AFTER,
        log);
    return new RemoteRolloutEngine(servers, model, sync, endpoint.retryPolicy());
  }
}
