package dev.videop2r.serve.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.data.ProblemType;
import dev.videop2r.data.Sample;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.generate.Generator;
import dev.videop2r.model.lora.LoraAdapters;
import dev.videop2r.model.lora.LoraSpec;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.remote.RetryPolicy;
import dev.videop2r.serve.OpenAiServer;
import dev.videop2r.serve.ServeLimits;
import dev.videop2r.serve.ServeOptions;
import dev.videop2r.serve.ServedModel;
import dev.videop2r.serve.TinyModelDir;
import dev.videop2r.training.ConversationEncoder;
import dev.videop2r.training.RolloutPrompt;
import dev.videop2r.training.rl.EmbeddedRolloutEngine;
import dev.videop2r.training.rl.Rollout;
import dev.videop2r.training.rl.RolloutEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LoRA weight sync against {@code videop2r serve --enable-lora}: after each "optimizer step" (here: new adapter
 * values) the remote engine's rollouts are the embedded engine's on the adapted policy, and they change with it.
 */
class LoraWeightSyncTest {
  @TempDir Path dir;

  @Test
  void eachPublishedAdapterIsWhatTheServerSamplesFrom() throws Exception {
    Path modelDir = TinyModelDir.write(dir.resolve("tiny"));
    RolloutEngine.Sampling sampling = new RolloutEngine.Sampling(1.0, 1.0, 10);
    try (NDManager m = NDManager.newBaseManager();
        QwenVLModel policy = QwenVLModel.load(modelDir, m, DataType.FLOAT32);
        HfTextTokenizer tokenizer = HfTextTokenizer.load(modelDir);
        LoraAdapters adapters = LoraAdapters.init(policy.config(),
            new LoraSpec(4, 8.0, 0.0, Set.of("q_proj", "v_proj", "down_proj")), 5, m);
        ServedModel served = ServedModel.load(modelDir, "tiny", null, DataType.FLOAT32);
        OpenAiServer server = OpenAiServer.start(served, new ServeOptions("127.0.0.1", 0, null, null,
            new FrameRequest(4, 2.0, 3136, 3136), new ServeLimits(1 << 20, 64, 4096, 8, 32, 64, 5), false, true))) {
      policy.setAdapters(adapters);
      EmbeddedRolloutEngine embedded = new EmbeddedRolloutEngine(new Generator(policy, policy.manager(),
          tokenizer.specialTokens().pad(), Generator.inputOnlyTokens(policy.config())), tokenizer.specialTokens().eos());
      RemoteRolloutEngine remote = new RemoteRolloutEngine(new RolloutServers(List.of(server.baseUrl()), null,
          Duration.ofSeconds(30), 2, System.err), "tiny", new LoraWeightSync(adapters, dir.resolve("sync")),
          new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50)));
      Sample sample = new Sample(1, "what colour is the shape ?", dev.videop2r.data.DataType.VIDEO,
          ProblemType.FREE_FORM, List.of(), "<answer>red</answer>", "none.mp4", "test", List.of(), null, null);
      List<RolloutPrompt> prompts = List.of(new RolloutPrompt(sample,
          new ChatTemplate(tokenizer).prompt(null, ConversationEncoder.userText(sample)).ids(), List.of()));

      List<List<Long>> seen = new java.util.ArrayList<>();
      for (int step = 0; step < 2; step++) {
        randomiseB(adapters, m, step); // what an optimizer step does to the adapters
        remote.policyUpdated(step);
        List<Rollout> there = remote.generate(prompts, 3, sampling, 11);
        List<Rollout> here = embedded.generate(prompts, 3, sampling, 11);
        for (int r = 0; r < 3; r++) {
          assertEquals(tokens(here.get(r)), tokens(there.get(r)), "step " + step + " rollout " + r);
        }
        seen.add(tokens(there.getFirst()));
      }
      assertFalse(seen.get(0).equals(seen.get(1)), "new adapter values should change the rollouts");
      policy.setAdapters(null);
      List<Rollout> base = embedded.generate(prompts, 3, sampling, 11);
      assertFalse(tokens(base.getFirst()).equals(seen.get(1)), "the adapter should matter");
    }
  }

  private static void randomiseB(LoraAdapters adapters, NDManager m, int step) {
    for (var p : adapters.parameters().entrySet()) {
      if (p.getKey().contains("lora_B")) {
        ai.djl.engine.Engine.getInstance().setRandomSeed(100 + step);
        p.getValue().set(m.randomNormal(0, 0.5f, p.getValue().getShape(), DataType.FLOAT32).toByteBuffer());
      }
    }
  }

  private static List<Long> tokens(Rollout r) {
    return java.util.Arrays.stream(r.tokens()).boxed().toList();
  }
}
