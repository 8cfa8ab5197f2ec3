package dev.videop2r.cli.train;

import dev.videop2r.cli.data.EndpointOptions;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.generate.Generator;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.serve.rollout.ReloadWeightSync;
import dev.videop2r.serve.rollout.RemoteRolloutEngine;
import dev.videop2r.serve.rollout.RolloutServers;
import dev.videop2r.serve.rollout.WeightSync;
import dev.videop2r.training.EmbeddedRolloutEngine;
import dev.videop2r.training.RolloutEngine;
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
  List<String> urls = List.of();

  @Option(names = "--rollout-model", paramLabel = "NAME", description = "The model name the rollout servers serve.")
  String model;

  @Option(names = "--rollout-key-env", defaultValue = "VIDEOP2R_SERVE_API_KEY", paramLabel = "VAR",
      description = "Environment variable holding the rollout servers' bearer key (default: ${DEFAULT-VALUE}).")
  String keyEnv;

  @Option(names = "--rollout-weight-sync", defaultValue = "reload", paramLabel = "reload|none",
      description = "After each optimizer step: reload (default; save the policy under <out>/rollout-weights and"
          + " have every server load it: videop2r serve --allow-weight-reload on a filesystem both see; moves the"
          + " whole model per step) or none (the servers keep their weights: off-policy, e.g. vLLM without LoRA).")
  String weightSync;

  RolloutEngine engine(QwenVLModel policy, HfTextTokenizer tokenizer, Path out, EndpointOptions endpoint,
      PrintStream log) {
    if (urls.isEmpty()) {
      if (model != null) {
        throw new IllegalArgumentException("--rollout-model needs --rollout-url");
      }
      return new EmbeddedRolloutEngine(new Generator(policy, policy.manager(), tokenizer.specialTokens().pad(),
          Generator.inputOnlyTokens(policy.config())), tokenizer.specialTokens().eos());
    }
    if (model == null) {
      throw new IllegalArgumentException("--rollout-url needs --rollout-model (the name the servers serve)");
    }
    WeightSync sync = switch (weightSync.strip().toLowerCase(Locale.ROOT)) {
      case "reload" -> new ReloadWeightSync(policy::save, out.resolve("rollout-weights"));
      case "none" -> {
        log.println("rl: warning: --rollout-weight-sync none: the rollout servers keep their weights, so rollouts"
            + " drift off-policy as training goes (watch logp_mismatch)");
        yield WeightSync.NONE;
      }
      default -> throw new IllegalArgumentException("--rollout-weight-sync must be reload or none, got '"
          + weightSync + "'");
    };
    RolloutServers servers = new RolloutServers(urls, EndpointOptions.key(keyEnv), endpoint.timeout(), DROP_AFTER,
        log);
    return new RemoteRolloutEngine(servers, model, sync, endpoint.retryPolicy());
  }
}
