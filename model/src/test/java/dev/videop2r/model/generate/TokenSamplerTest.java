package dev.videop2r.model.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {

  private static final double NEG = Double.NEGATIVE_INFINITY;

  @Test
  void topKKeepsTiesAtTheThreshold() {
    double[] s = {1, 3, 2, 3, 0};
    TokenSampler.applyTopK(s, 2);
    assertArrayEquals(new double[] {NEG, 3, NEG, 3, NEG}, s);
    double[] t = {1, 4, 2, 3, 0};
    TokenSampler.applyTopK(t, 3);
    assertArrayEquals(new double[] {NEG, 4, 2, 3, NEG}, t);
  }

  @Test
  void topPFollowsHfRule() {
    // probs 0.5, 0.3, 0.15, 0.05 (logits = log p). Ascending cum: 0.05, 0.20, 0.50, 1.0.
    double[] p = {0.5, 0.3, 0.15, 0.05};
    double[] s = logs(p);
    TokenSampler.applyTopP(s, 0.79); // remove cum <= 0.21: tokens 3 (0.05) and 2 (0.20)
    assertEquals(NEG, s[3]);
    assertEquals(NEG, s[2]);
    assertEquals(Math.log(0.3), s[1], 1e-12);
    double[] u = logs(p);
    TokenSampler.applyTopP(u, 0.81); // 1 - 0.81 = 0.19: only token 3 goes
    assertEquals(NEG, u[3]);
    assertEquals(Math.log(0.15), u[2], 1e-12);
    double[] v = logs(p);
    TokenSampler.applyTopP(v, 0.01); // only the most likely survives
    assertEquals(1, java.util.Arrays.stream(v).filter(x -> x != NEG).count());
    assertEquals(Math.log(0.5), v[0], 1e-12);
  }

  @Test
  void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogitsOnce() {
    GenerationConfig c = GenerationConfig.greedy(1).withRepetitionPenalty(2.0);
    TokenSampler sampler = new TokenSampler(c);
    // token 0 (logit 3) is seen twice -> 1.5, token 1 (logit 2.5) unseen wins.
    float[] logits = {3f, 2.5f, -1f};
    assertEquals(1, sampler.next(logits, 0, 3, new long[] {0, 0}, 2, new SplittableRandom(1)));
    // a seen negative logit becomes more negative: -0.1 * 2 = -0.2 < -0.15.
    float[] neg = {-0.1f, -0.15f, -5f};
    assertEquals(1, sampler.next(neg, 0, 3, new long[] {0}, 1, new SplittableRandom(1)));
    assertEquals(0, new TokenSampler(GenerationConfig.greedy(1)).next(neg, 0, 3, new long[] {0}, 1, new SplittableRandom(1)));
  }

  @Test
  void samplingFrequenciesFollowTheTemperedDistribution() {
    float[] logits = {0f, 1f, 2f};
    double temperature = 2.0;
    TokenSampler sampler = new TokenSampler(GenerationConfig.sampling(1, temperature, 1.0, 0));
    SplittableRandom random = new SplittableRandom(99);
    int n = 60_000;
    int[] counts = new int[3];
    for (int i = 0; i < n; i++) {
      counts[(int) sampler.next(logits, 0, 3, new long[0], 0, random)]++;
    }
    double[] expected = TokenSampler.softmax(new double[] {0, 0.5, 1.0});
    for (int v = 0; v < 3; v++) {
      double sd = Math.sqrt(n * expected[v] * (1 - expected[v]));
      assertEquals(n * expected[v], counts[v], 5 * sd, "token " + v);
    }
  }

  @Test
  void logProbIsLogSoftmaxAtTheToken() {
    float[] logits = {9f, 1f, 2f, 3f};
    double z = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    assertEquals(3 - z, TokenSampler.logProb(logits, 1, 3, 2), 1e-6);
  }

  @Property(tries = 200)
  void samplesNeverLeaveTheTopKTopPSet(@ForAll @Size(min = 2, max = 40) float[] raw,
                                       @ForAll @DoubleRange(min = 0.05, max = 1.0) double topP,
                                       @ForAll("seeds") long seed) {
    float[] logits = raw.clone();
    for (int i = 0; i < logits.length; i++) {
      if (!Float.isFinite(logits[i])) {
        logits[i] = 0f;
      }
      logits[i] = Math.max(-50f, Math.min(50f, logits[i]));
    }
    int k = 1 + (int) Math.floorMod(seed, logits.length);
    GenerationConfig c = GenerationConfig.sampling(1, 1.0, topP, seed).withTopK(k);
    double[] allowed = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      allowed[i] = logits[i];
    }
    if (k < logits.length) {
      TokenSampler.applyTopK(allowed, k);
    }
    if (topP < 1.0) {
      TokenSampler.applyTopP(allowed, topP);
    }
    long token = new TokenSampler(c).next(logits, 0, logits.length, new long[0], 0, new SplittableRandom(seed));
    assertEquals(true, allowed[(int) token] != NEG, "token " + token + " was filtered out");
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Long> seeds() {
    return net.jqwik.api.Arbitraries.longs();
  }

  private static double[] logs(double[] p) {
    double[] s = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      s[i] = Math.log(p[i]);
    }
    return s;
  }

  @Test
  void bannedTokensAreNeverPickedEvenWhenMostLikely() {
    float[] logits = {0f, 9f, 8f, 1f};
    long[] banned = {1};
    assertEquals(2, new TokenSampler(GenerationConfig.greedy(1), banned).next(logits, 0, 4, new long[0], 0,
        new SplittableRandom(1)));
    TokenSampler sampler = new TokenSampler(GenerationConfig.sampling(1, 1.0, 1.0, 0), banned);
    for (int seed = 0; seed < 200; seed++) {
      long token = sampler.next(logits, 0, 4, new long[0], 0, new SplittableRandom(seed));
      assertTrue(token != 1, "seed " + seed + " sampled the banned token");
    }
  }
}
