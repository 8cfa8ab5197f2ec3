package dev.videop2r.training.rl;

import dev.videop2r.model.generate.Completion;
import dev.videop2r.model.generate.GenerationConfig;
import dev.videop2r.model.generate.GenerationPrompt;
import dev.videop2r.model.generate.Generator;
import dev.videop2r.training.RolloutPrompt;
import java.util.List;

/**
 * Rollouts from the generator running on the very weights being trained (no weight sync needed). G rollouts of a
 * prompt share one prefill. The generator reports log_softmax of the raw logits at each sampled token, which is
 * π_old exactly as the trainer's forward recomputes it.
 */
public final class EmbeddedRolloutEngine implements RolloutEngine {
  private final Generator generator;
  private final long[] stopTokens;

  public EmbeddedRolloutEngine(Generator generator, long... stopTokens) {
    this.generator = generator;
    this.stopTokens = stopTokens.clone();
  }

  @Override
  public List<Rollout> generate(List<RolloutPrompt> prompts, int groupSize, Sampling sampling, long seed) {
    List<GenerationPrompt> inputs = prompts.stream().map(p -> new GenerationPrompt(p.ids(), p.visuals())).toList();
    GenerationConfig config = GenerationConfig.sampling(sampling.maxNewTokens(), sampling.temperature(),
        sampling.topP(), seed, stopTokens);
    return generator.generate(inputs, groupSize, config).stream()
        .map(c -> new Rollout(c.tokens(), c.logProbs(), c.finish() == Completion.FinishReason.STOP))
        .toList();
  }
}
