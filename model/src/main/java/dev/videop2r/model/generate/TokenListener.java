package dev.videop2r.model.generate;

/** Streaming: called once per generated token, rows in order, as soon as the step that made it ends. */
@FunctionalInterface
public interface TokenListener {

  TokenListener NONE = (prompt, rollout, token, logProb) -> { };

  void onToken(int prompt, int rollout, long token, float logProb);
}
