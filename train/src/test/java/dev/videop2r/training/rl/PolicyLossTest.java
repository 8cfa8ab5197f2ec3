package dev.videop2r.training.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class PolicyLossTest {
  /*
   * Hand computation (clip 0.2/0.2, beta 0.04, token-mean over 3 tokens):
   *   t0: ratio 1,                  obj min(1, 1) = 1;                     x = -0.2, KL = e^-0.2 + 0.2 - 1 = 0.0187308
   *   t1: ratio e^0.5 = 1.6487213,  obj min(1.6487, 1.2) = 1.2 (clipped);   x = 0,    KL = 0
   *   t2: ratio e^-0.3 = 0.7408182, A = -2: min(-1.4816, 0.8*-2) = -1.6 (clipped); KL = 0
   *   loss = ((-1 + 0.04*0.0187308) + (-1.2) + 1.6) / 3 = -0.1997502
   *   d loss / d logp: t0 = (-1 + 0.04*(1 - e^-0.2)) / 3 = -0.3309164; t1, t2 = 0 (clipped branch, KL flat)
   */
  @Test
  void clippedSurrogateWithK3MatchesHandComputation() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logp = m.create(new float[] {-1f, -2f, -0.5f}, new ai.djl.ndarray.types.Shape(1, 3));
      logp.setRequiresGradient(true);
      NDArray old = m.create(new float[] {-1f, -2.5f, -0.2f}, new ai.djl.ndarray.types.Shape(1, 3));
      NDArray ref = m.create(new float[] {-1.2f, -2f, -0.5f}, new ai.djl.ndarray.types.Shape(1, 3));
      NDArray adv = m.create(new float[] {1f, 1f, -2f}, new ai.djl.ndarray.types.Shape(1, 3));
      NDArray w = m.create(new float[] {1f / 3, 1f / 3, 1f / 3}, new ai.djl.ndarray.types.Shape(1, 3));
      PolicyLoss.Result r;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        r = new PolicyLoss(0.2, 0.2, 0.04).compute(logp, old, ref, adv, w);
        gc.backward(r.loss());
      }
      assertEquals(-0.1997502, r.loss().getFloat(), 1e-6);
      assertEquals(2.0 / 3, r.clipFraction(), 1e-6);
      assertEquals(0.0187308 / 3, r.klMean(), 1e-6);
      assertEquals(3, r.tokens());
      assertArrayEquals(new float[] {-0.3309164f, 0f, 0f}, logp.getGradient().toFloatArray(), 1e-6f);
    }
  }

  @Test
  void withoutKlTheReferenceIsNotNeeded() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logp = m.create(new float[] {-1f, -1f}, new ai.djl.ndarray.types.Shape(1, 2));
      NDArray adv = m.create(new float[] {0.5f, -1.5f}, new ai.djl.ndarray.types.Shape(1, 2));
      NDArray w = m.create(new float[] {0.5f, 0.5f}, new ai.djl.ndarray.types.Shape(1, 2));
      PolicyLoss.Result r = new PolicyLoss(0.2, 0.2, 0).compute(logp, logp, null, adv, w);
      // ratio 1 everywhere: loss = -(0.5 - 1.5) / 2 = 0.5
      assertEquals(0.5, r.loss().getFloat(), 1e-7);
      assertEquals(0, r.clipFraction());
      assertEquals(1.0, r.ratioMean(), 1e-7);
    }
  }
}
