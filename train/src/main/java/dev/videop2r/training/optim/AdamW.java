package dev.videop2r.training.optim;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (Loshchilov &amp; Hutter): Adam with decoupled weight decay, on the model's own parameter arrays. The
 * update, per parameter p with gradient g at step t (1-based):
 *
 * <pre>
 *   p ← p − lr·wd·p                         (only for matrices: biases and norm gains are not decayed, as in HF)
 *   m ← β1·m + (1−β1)·g ;  v ← β2·v + (1−β2)·g²
 *   p ← p − lr · (m / (1−β1^t)) / (sqrt(v / (1−β2^t)) + eps)
 * </pre>
 *
 * The moments live beside the parameters and are saved and restored with a checkpoint ({@link #state()}).
 */
public final class AdamW {
  /** Hyperparameters; the defaults are PyTorch's / HF's (β1 0.9, β2 0.999, eps 1e-8). */
  public record Hyper(double beta1, double beta2, double eps, double weightDecay) {
    public Hyper {
      if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0) || !(weightDecay >= 0)) {
        throw new IllegalArgumentException("AdamW needs 0 <= betas < 1, eps > 0, weight decay >= 0; got " + this);
      }
    }
  }

  private final Map<String, NDArray> params;
  private final Hyper hyper;
  private final Map<String, NDArray> m = new LinkedHashMap<>();
  private final Map<String, NDArray> v = new LinkedHashMap<>();
  private long t;

  public AdamW(Map<String, NDArray> params, Hyper hyper) {
    this.params = params;
    this.hyper = hyper;
    for (var e : params.entrySet()) {
      m.put(e.getKey(), e.getValue().zerosLike());
      v.put(e.getKey(), e.getValue().zerosLike());
    }
  }

  /** Applies one update with the gradients currently stored on the parameters. */
  public void step(double lr) {
    t++;
    double c1 = 1 - Math.pow(hyper.beta1(), t);
    double c2 = 1 - Math.pow(hyper.beta2(), t);
    for (var e : params.entrySet()) {
      NDArray p = e.getValue();
      NDArray mi = m.get(e.getKey());
      NDArray vi = v.get(e.getKey());
      if (hyper.weightDecay() > 0 && p.getShape().dimension() >= 2) {
        p.muli(1 - lr * hyper.weightDecay());
      }
      // Temporaries are closed at once: they would otherwise live as long as the parameters' manager.
      try (NDArray g = p.getGradient();
          NDArray gScaled = g.mul(1 - hyper.beta1());
          NDArray g2 = g.square()) {
        mi.muli(hyper.beta1()).addi(gScaled);
        vi.muli(hyper.beta2()).addi(g2.muli(1 - hyper.beta2()));
      }
      try (NDArray vHat = vi.div(c2);
          NDArray denom = vHat.sqrt();
          NDArray update = mi.div(c1)) {
        denom.addi(hyper.eps());
        p.subi(update.divi(denom).muli(lr));
      }
    }
  }

  /** Steps taken so far (the bias-correction exponent). */
  public long steps() {
    return t;
  }

  /** Moments named {@code m.<param>} / {@code v.<param>}, for a checkpoint. */
  public Map<String, NDArray> state() {
    Map<String, NDArray> s = new LinkedHashMap<>();
    m.forEach((k, a) -> s.put("m." + k, a));
    v.forEach((k, a) -> s.put("v." + k, a));
    return s;
  }

  /** Restores moments and step count written by {@link #state()}; every parameter must be present. */
  public void restore(Map<String, NDArray> saved, long steps) {
    for (String k : params.keySet()) {
      copyInto(saved, "m." + k, m.get(k));
      copyInto(saved, "v." + k, v.get(k));
    }
    this.t = steps;
  }

  private static void copyInto(Map<String, NDArray> saved, String name, NDArray target) {
    NDArray src = saved.get(name);
    if (src == null || !src.getShape().equals(target.getShape())) {
      throw new IllegalArgumentException("checkpoint optimizer state lacks or misshapes " + name);
    }
    target.set(src.toType(target.getDataType(), false).toByteBuffer());
  }

}
