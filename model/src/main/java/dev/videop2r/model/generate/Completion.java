package dev.videop2r.model.generate;

import java.util.Arrays;

/**
 * One generated continuation: rollout {@code rollout} of prompt {@code prompt}. {@code logProbs[i]} is
 * log_softmax of the model's raw float32 logits (temperature 1, no penalty, no top-k/top-p) at
 * {@code tokens[i]}: the policy's own log-probability, i.e. π_old for RL.
 */
public record Completion(int prompt, int rollout, long[] tokens, float[] logProbs, FinishReason finish) {

  public enum FinishReason {
    /** Emitted a stop token (the last token). */
    STOP,
    /** Reached maxNewTokens. */
    LENGTH
  }

  public int length() {
    return tokens.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Completion c && prompt == c.prompt && rollout == c.rollout
        && Arrays.equals(tokens, c.tokens) && Arrays.equals(logProbs, c.logProbs) && finish == c.finish;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(tokens) * 31 + prompt * 7 + rollout;
  }

  @Override
  public String toString() {
    return "Completion[prompt=" + prompt + ", rollout=" + rollout + ", tokens=" + Arrays.toString(tokens)
        + ", finish=" + finish + "]";
  }
}
