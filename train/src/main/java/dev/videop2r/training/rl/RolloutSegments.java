package dev.videop2r.training.rl;

import dev.videop2r.template.ParsedResponse;
import dev.videop2r.template.ProcessTokens;

/**
 * A rollout parsed with the process-aware template and its tokens assigned to processes (core's
 * {@link ProcessTokens}: perception = the observation tokens, tags included; everything else, the end-of-turn token
 * included, is reasoning).
 */
public record RolloutSegments(ParsedResponse parsed, ProcessTokens tokens) {
  /** The observation with its tags, as the judge sees it; null when the rollout has none. */
  public String observation() {
    return parsed.perception().map(o -> o.outer().of(parsed.text())).orElse(null);
  }

  /** Per token: {@link ProcessLabel#PERCEPTION} or {@link ProcessLabel#REASONING}. */
  public byte[] process() {
    byte[] p = new byte[tokens.size()];
    for (int t = 0; t < p.length; t++) {
      p[t] = tokens.isPerception(t) ? ProcessLabel.PERCEPTION : ProcessLabel.REASONING;
    }
    return p;
  }
}
