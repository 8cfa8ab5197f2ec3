package dev.videop2r.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.videop2r.model.io.Checkpoint;
import dev.videop2r.model.io.SafetensorsWriter;
import dev.videop2r.model.io.TensorDType;
import dev.videop2r.model.qwen.QwenForward;
import dev.videop2r.model.qwen.Trace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Qwen2.5-VL on DJL: weights in checkpoint names, the forward from {@link QwenForward}. Load a HF directory with
 * {@link #load}, or build random weights with {@link #init}.
 */
public final class QwenVLModel implements VisionLanguageModel {

  private final QwenConfig config;
  private final NDManager manager;
  private final Map<String, NDArray> parameters;
  private final QwenForward forward;
  private dev.videop2r.model.lora.LoraAdapters adapters;

  private QwenVLModel(QwenConfig config, NDManager manager, Map<String, NDArray> parameters) {
    this.config = config;
    this.manager = manager;
    this.parameters = Collections.unmodifiableMap(parameters);
    this.forward = new QwenForward(config, parameters);
  }

  /**
   * Loads config.json and the safetensors weights (single or sharded, either naming scheme) of a HF model
   * directory, converting floating weights to {@code dtype} (FLOAT32, or FLOAT16 for half precision; BF16 files
   * are widened exactly). Weights live in a child manager of {@code parent} that {@link #close()} releases.
   */
  public static QwenVLModel load(Path dir, NDManager parent, DataType dtype) {
    return load(dir, parent, dtype, new CheckpointReader());
  }

  /** {@link #load(Path, NDManager, DataType)} with a reader of other block sizes (tests). */
  static QwenVLModel load(Path dir, NDManager parent, DataType dtype, CheckpointReader reader) {
    requireFloatType(dtype);
    QwenConfig config = QwenConfig.read(dir.resolve("config.json"));
    NDManager manager = parent.newSubManager();
    try (Checkpoint checkpoint = Checkpoint.open(dir)) {
      Map<String, NDArray> params = new LinkedHashMap<>();
      for (String name : checkpoint.names()) {
        params.put(name, reader.read(checkpoint, name, manager, dtype));
      }
      tieOrCheckHead(config, params, dir.toString());
      return new QwenVLModel(config, manager, params);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * {@link #load(Path, NDManager, DataType)} with a PEFT LoRA adapter ({@code adapterDir}, may be null) folded into
   * the weights: a model that computes as base + adapter.
   */
  public static QwenVLModel load(Path dir, Path adapterDir, NDManager parent, DataType dtype) {
    QwenVLModel model = load(dir, parent, dtype);
    if (adapterDir != null) {
      try (dev.videop2r.model.lora.LoraAdapters adapters =
          dev.videop2r.model.lora.PeftFormat.load(adapterDir, model.config(), parent)) {
        model.applyAdapter(adapters);
      } catch (RuntimeException e) {
        model.close();
        throw e;
      }
    }
    return model;
  }

  /**
   * Random weights following HF's _init_weights: Linear/Conv3d/Embedding ~ N(0, initializer_range), biases 0,
   * RMSNorm weights 1. Each tensor draws from its own stream seeded by (seed, name), so the result does not depend
   * on creation order. float32.
   */
  public static QwenVLModel init(QwenConfig config, long seed, NDManager parent) {
    NDManager manager = parent.newSubManager();
    Map<String, NDArray> params = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> e : ParameterShapes.of(config).entrySet()) {
      String name = e.getKey();
      if (config.tieWordEmbeddings() && name.equals("lm_head.weight")) {
        continue;
      }
      long[] shape = e.getValue();
      int n = Math.toIntExact(new Shape(shape).size());
      float[] values = new float[n]; // biases stay 0
      if (name.contains("norm") || name.endsWith("ln_q.weight")) {
        java.util.Arrays.fill(values, 1f);
      } else if (!name.endsWith(".bias")) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + name.hashCode());
        for (int i = 0; i < n; i++) {
          values[i] = (float) (random.nextGaussian() * config.initializerRange());
        }
      }
      params.put(name, HostArrays.owned(manager, values, new Shape(shape)));
    }
    tieOrCheckHead(config, params, "init");
    return new QwenVLModel(config, manager, params);
  }

  private static void tieOrCheckHead(QwenConfig config, Map<String, NDArray> params, String source) {
    if (config.tieWordEmbeddings()) {
      // Tied: one array serves both uses, so training accumulates both gradients into it.
      params.put("lm_head.weight", params.get("model.embed_tokens.weight"));
    } else if (!params.containsKey("lm_head.weight")) {
      throw new IllegalArgumentException(source + ": lm_head.weight missing and tie_word_embeddings is false");
    }
    for (Map.Entry<String, long[]> e : ParameterShapes.of(config).entrySet()) {
      NDArray a = params.get(e.getKey());
      if (a == null) {
        throw new IllegalArgumentException(source + ": checkpoint is missing tensor '" + e.getKey() + "'");
      }
      if (!a.getShape().equals(new Shape(e.getValue()))) {
        throw new IllegalArgumentException(source + ": tensor '" + e.getKey() + "' has shape " + a.getShape()
            + " but config.json implies " + new Shape(e.getValue()));
      }
    }
  }

  private static void requireFloatType(DataType dtype) {
    if (dtype == DataType.BFLOAT16) {
      throw new IllegalArgumentException("model dtype BFLOAT16 is not available: DJL 0.35's PyTorch JNI has no "
          + "bfloat16 (it aborts the JVM); use FLOAT16 for half precision or FLOAT32");
    }
    if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT16) {
      throw new IllegalArgumentException("model dtype must be FLOAT32 or FLOAT16, got " + dtype);
    }
  }

  /**
   * Trains or runs with LoRA adapters kept separate from the weights: every decoder linear layer adds its adapter's
   * output ({@code scaling · dropout(x)·Aᵀ·Bᵀ}, dropout only while gradients are recorded). Null removes them;
   * {@link LoraAdapters#setEnabled} switches them off for a pass (RL's reference policy).
   */
  public void setAdapters(dev.videop2r.model.lora.LoraAdapters adapters) {
    forward.setAdapters(adapters);
    this.adapters = adapters;
  }

  @Override
  public void setGradientCheckpointing(boolean on) {
    forward.setGradientCheckpointing(on);
  }

  @Override
  public void backward(GradientCollector collector, NDArray loss) {
    collector.backward(loss);
    forward.backward();
  }

  @Override
  public java.util.Optional<dev.videop2r.model.lora.LoraAdapters> adapters() {
    return java.util.Optional.ofNullable(adapters);
  }

  /**
   * Folds a LoRA adapter into the weights in place ({@code W += (alpha/r)·B·A} for each adapted weight): what
   * inference with an adapter computes, at no cost per token. Training keeps adapters separate instead.
   */
  public void applyAdapter(dev.videop2r.model.lora.LoraAdapters adapters) {
    try (NDManager scope = manager.newSubManager()) {
      Map<String, NDArray> merged = adapters.merge(parameters, scope);
      merged.forEach((name, w) -> {
        NDArray own = parameters.get(name);
        if (w != own) {
          // The parameter's array takes over the merged tensor (no copy through Java: a 7B embedding is 2.2 GB).
          own.intern(w.toType(own.getDataType(), false));
        }
      });
    }
  }

  @Override
  public QwenConfig config() {
    return config;
  }

  @Override
  public Map<String, NDArray> parameters() {
    return parameters;
  }

  /** The manager holding the weights (arrays passed in should live on its device). */
  public NDManager manager() {
    return manager;
  }

  @Override
  public NDArray forward(NDArray inputIds, NDArray attentionMask, List<VisualInputs> visuals) {
    return forward.logits(inputIds, attentionMask, visuals, null);
  }

  /** Forward that also records the named intermediate tensors (see {@link Trace}). */
  public NDArray forward(NDArray inputIds, NDArray attentionMask, List<VisualInputs> visuals, Trace trace) {
    return forward.logits(inputIds, attentionMask, visuals, trace);
  }

  /** The merged vision features the decoder would see for {@code inputs}, differentiable (vision pretraining). */
  public NDArray visionFeatures(List<VisualInputs> inputs, NDManager scope) {
    return forward.visionFeatures(inputs, scope);
  }

  @Override
  public KvCache newCache() {
    return new KvCache(manager, config.numHiddenLayers());
  }

  @Override
  public NDArray prefill(NDArray inputIds, NDArray attentionMask, List<VisualInputs> visuals, KvCache cache) {
    return forward.prefill(inputIds, attentionMask, visuals, cache, manager);
  }

  @Override
  public NDArray decode(NDArray tokens, NDArray attentionMask, KvCache cache) {
    return forward.decode(tokens, attentionMask, cache, manager);
  }

  /** Saves in the weights' own dtype (F32 or F16). */
  @Override
  public void save(Path dir) {
    DataType own = parameters.get("model.embed_tokens.weight").getDataType();
    save(dir, TensorDType.fromDjl(own));
  }

  /**
   * Saves in HF layout with every floating tensor stored as {@code dtype} (F32, F16 or BF16; BF16 is rounded to
   * nearest even in Java, as torch does), sharded above 5 GB. Tied models store no lm_head.weight.
   */
  public void save(Path dir, TensorDType dtype) {
    if (dtype != TensorDType.F32 && dtype != TensorDType.F16 && dtype != TensorDType.BF16) {
      throw new IllegalArgumentException("checkpoints are saved as F32, F16 or BF16, not " + dtype);
    }
    List<SafetensorsWriter.Entry> entries = new ArrayList<>();
    for (Map.Entry<String, NDArray> e : new java.util.TreeMap<>(parameters).entrySet()) {
      if (config.tieWordEmbeddings() && e.getKey().equals("lm_head.weight")) {
        continue; // tied checkpoints carry no lm_head.weight (spec 3.5)
      }
      entries.add(new SafetensorsWriter.Entry(e.getKey(), dtype, e.getValue().getShape().getShape(),
          new ArrayBytes(e.getValue(), dtype)));
    }
    Checkpoint.save(dir, entries, Checkpoint.DEFAULT_SHARD_BYTES);
    config.write(dir.resolve("config.json"), switch (dtype) {
      case BF16 -> "bfloat16";
      case F16 -> "float16";
      default -> "float32";
    });
  }

  @Override
  public void close() {
    manager.close();
  }
}
