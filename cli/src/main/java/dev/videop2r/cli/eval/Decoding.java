package dev.videop2r.cli.eval;

/**
 * How answers are decoded, for both model kinds.
 *
 * @param temperature 0 for greedy; otherwise sampling at this temperature
 * @param topP nucleus mass kept when sampling (1 = off)
 */
record Decoding(int maxNewTokens, double temperature, double topP) {
  Decoding {
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("--max-new-tokens must be at least 1, got " + maxNewTokens);
    }
    if (temperature < 0) {
      throw new IllegalArgumentException("--temperature must be >= 0, got " + temperature);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("--top-p must be in (0, 1], got " + topP);
    }
  }

  boolean greedy() {
    return temperature == 0;
  }
}
