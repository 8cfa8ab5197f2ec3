package dev.videop2r.model.lora;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.videop2r.model.HostArrays;
import dev.videop2r.model.QwenConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The A and B matrices of a {@link LoraSpec} on one model, float32, in their own manager. Adapter {@code (A, B)} of
 * the weight {@code model.layers.i.self_attn.q_proj.weight} is stored under {@code ….q_proj.lora_A.weight} /
 * {@code ….lora_B.weight} (PEFT's names without the {@code base_model.model.} prefix, which {@link PeftFormat} adds).
 * A module may be adapted on some layers only (PEFT's layers_to_transform). Switched off, the model is the base
 * model: RL's reference policy without a second copy of the weights.
 */
public final class LoraAdapters implements AutoCloseable {

  private final LoraSpec spec;
  private final NDManager manager;
  private final Map<String, NDArray> parameters;
  private volatile boolean enabled = true;
  /** Where the dropout masks' stream stands: its seed (set per training step) and the masks drawn since. */
  private volatile long dropoutSeed;
  private final AtomicLong dropoutDraws = new AtomicLong();

  LoraAdapters(LoraSpec spec, NDManager manager, Map<String, NDArray> parameters) {
    this.spec = spec;
    this.manager = manager;
    this.parameters = Collections.unmodifiableMap(parameters);
  }

  /**
   * New adapters as PEFT initialises them: A uniform in ±1/√in (kaiming-uniform with a = √5), B zero, so the adapted
   * model starts equal to the base. Each matrix draws from its own stream seeded by (seed, name).
   */
  public static LoraAdapters init(QwenConfig config, LoraSpec spec, long seed, NDManager parent) {
    NDManager manager = parent.newSubManager();
    Map<String, NDArray> params = new LinkedHashMap<>();
    for (int layer = 0; layer < config.numHiddenLayers(); layer++) {
      for (String module : spec.targets()) {
        String weight = LoraSpec.weightName(layer, module);
        long[] shape = shapeOf(config, module);
        int in = Math.toIntExact(shape[1]);
        float[] a = new float[spec.rank() * in];
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + weight.hashCode());
        double bound = 1 / Math.sqrt(in);
        for (int i = 0; i < a.length; i++) {
          a[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        params.put(aName(weight), manager.create(a, new Shape(spec.rank(), in)));
        params.put(bName(weight), manager.zeros(new Shape(shape[0], spec.rank()), DataType.FLOAT32));
      }
    }
    return new LoraAdapters(spec, manager, params);
  }

  public LoraSpec spec() {
    return spec;
  }

  /** The trainable arrays by name ({@code ….lora_A.weight}, {@code ….lora_B.weight}). */
  public Map<String, NDArray> parameters() {
    return parameters;
  }

  /** Off: every {@link #delta} is null and the model computes as the base model. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean enabled() {
    return enabled;
  }

  /**
   * Restarts the dropout masks' stream for training step {@code step} of a run seeded {@code seed}: the k-th mask
   * the step draws then depends on (seed, step, k) only, so a run resumed from a checkpoint draws the masks the
   * uninterrupted run drew at the same steps (the engine's global random stream would not: it is not checkpointed).
   */
  public void seedDropout(long seed, long step) {
    dropoutSeed = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step).nextLong();
    dropoutDraws.set(0);
  }

  /** Masks drawn since the stream was seeded: activation checkpointing rewinds to it to redraw a layer's masks. */
  public long dropoutDraws() {
    return dropoutDraws.get();
  }

  /** Sets the masks drawn so far, so the next mask is the {@code draws}-th of the step (see {@link #dropoutDraws}). */
  public void rewindDropout(long draws) {
    dropoutDraws.set(draws);
  }

  /**
   * The adapter's contribution to {@code x · Wᵀ} for the weight named {@code weight}, or null when that weight is
   * not adapted or the adapters are off: {@code scaling · dropout(x) · Aᵀ · Bᵀ}, in x's dtype and manager.
   *
   * @param training whether dropout applies (it is the identity in inference and with dropout 0)
   */
  public NDArray delta(String weight, NDArray x, boolean training) {
    NDArray a = enabled ? parameters.get(aName(weight)) : null;
    if (a == null) {
      return null;
    }
    NDArray b = parameters.get(bName(weight));
    DataType type = x.getDataType();
    NDArray input = training && spec.dropout() > 0 ? dropout(x, spec.dropout()) : x;
    NDArray low = input.toType(DataType.FLOAT32, false).matMul(a.transpose());
    // The scaling factor is saved by the backward: a libtorch-owned scalar, not a borrowed one (HostArrays).
    NDArray out = HostArrays.times(low.matMul(b.transpose()), spec.scaling());
    return out.toType(type, false);
  }

  /**
   * {@code W + scaling · B · A} for every adapted weight of {@code base} (others as they are), float32 arrays in
   * {@code manager}: the plain checkpoint that {@code model merge} writes.
   */
  public Map<String, NDArray> merge(Map<String, NDArray> base, NDManager manager) {
    Map<String, NDArray> merged = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> e : base.entrySet()) {
      NDArray a = parameters.get(aName(e.getKey()));
      if (a == null) {
        merged.put(e.getKey(), e.getValue());
        continue;
      }
      NDArray b = parameters.get(bName(e.getKey()));
      // A copy in float32 (toType to the same dtype returns the base array itself, which must stay unchanged).
      NDArray base32 = e.getValue().toType(DataType.FLOAT32, false);
      NDArray w = base32 == e.getValue() ? base32.duplicate() : base32;
      w.attach(manager);
      NDArray update = b.matMul(a).muli((float) spec.scaling());
      w.addi(update);
      update.close();
      merged.put(e.getKey(), w.toType(e.getValue().getDataType(), false));
    }
    return merged;
  }

  static String aName(String weight) {
    return weight.substring(0, weight.length() - ".weight".length()) + ".lora_A.weight";
  }

  static String bName(String weight) {
    return weight.substring(0, weight.length() - ".weight".length()) + ".lora_B.weight";
  }

  /** {@code [out, in]} of a decoder module's weight. */
  static long[] shapeOf(QwenConfig c, String module) {
    long h = c.hiddenSize();
    long q = (long) c.numAttentionHeads() * c.headDim();
    long kv = (long) c.numKeyValueHeads() * c.headDim();
    long i = c.intermediateSize();
    return switch (module) {
      case "q_proj" -> new long[] {q, h};
      case "k_proj", "v_proj" -> new long[] {kv, h};
      case "o_proj" -> new long[] {h, q};
      case "gate_proj", "up_proj" -> new long[] {i, h};
      case "down_proj" -> new long[] {h, i};
      default -> throw new IllegalArgumentException("unknown lora target " + module);
    };
  }

  /**
   * Inverted dropout: zero with probability p, scale the rest by 1/(1-p). The mask is libtorch's uniform draw on
   * x's device after seeding the engine with the stream's next seed ({@link #seedDropout}); the lock keeps the
   * seed and its draw together should two threads train at once.
   */
  private NDArray dropout(NDArray x, double p) {
    long draw = dropoutDraws.getAndIncrement();
    int maskSeed = new SplittableRandom(dropoutSeed + draw * 0xBF58476D1CE4E5B9L).nextInt();
    NDArray keep;
    synchronized (LoraAdapters.class) {
      Engine.getInstance().setRandomSeed(maskSeed);
      keep = x.getManager().randomUniform(0f, 1f, x.getShape(), DataType.FLOAT32).gte((float) p);
    }
    return HostArrays.times(x.mul(keep.toType(x.getDataType(), false)), 1 / (1 - p)).toType(x.getDataType(), false);
  }

  @Override
  public void close() {
    manager.close();
  }
}
