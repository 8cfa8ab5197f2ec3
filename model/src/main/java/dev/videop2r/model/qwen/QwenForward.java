package dev.videop2r.model.qwen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.videop2r.model.HostArrays;
import dev.videop2r.model.KvCache;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.model.lora.LoraAdapters;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Qwen2_5_VLForConditionalGeneration's forward: vision features scattered into the pad slots, 3D rope index,
 * decoder, head. Every call works in a per-call scope closed before returning: the autograd graph holds what the
 * backward needs, and arrays made from Java data that it may save are libtorch-owned copies ({@link Ops#owned}).
 */
public final class QwenForward {

  private final QwenConfig cfg;
  private final VisionTower vision;
  private final TextDecoder decoder;
  private final DataType dtype;
  /** Activation checkpointing's pending layers, or null when it is off. */
  private GradientCheckpoints checkpoints;

  public QwenForward(QwenConfig cfg, Map<String, NDArray> parameters) {
    this.cfg = cfg;
    Weights weights = new Weights(parameters);
    this.vision = new VisionTower(cfg.vision(), weights);
    this.decoder = new TextDecoder(cfg, weights);
    this.dtype = weights.get("model.embed_tokens.weight").getDataType();
  }

  /** Adds LoRA adapters to the decoder's linear layers (null removes them); see {@link LoraAdapters}. */
  public void setAdapters(LoraAdapters adapters) {
    decoder.setAdapters(adapters);
  }

  /** Embeddings with visual features in place, and the rope index, of a prompt batch. */
  private record Prepared(NDArray embeds, RopeIndex rope, long[][] mask) {}

  /**
   * float32 logits {@code [B, L, V]} attached to the manager of {@code inputIds}, differentiable. The call's
   * intermediates are released on return (kept until the caller's manager closed, every step's activations stayed
   * resident at once and the step paid for fresh memory pages throughout: 3.7x the CPU time).
   */
  public NDArray logits(NDArray inputIds, NDArray attentionMask, List<VisualInputs> visuals, Trace trace) {
    NDManager scope = inputIds.getManager().newSubManager();
    boolean completed = false;
    try {
      Prepared p = prepare(inputIds, attentionMask, visuals, scope, trace);
      NDArray hidden = decoder.forward(p.embeds(), p.rope().positions(), p.mask(), null, scope, trace);
      NDArray logits = decoder.logits(hidden);
      if (trace != null) {
        trace.put("logits", logits);
      }
      logits.attach(inputIds.getManager());
      completed = true;
      return logits;
    } finally {
      release(scope, completed);
    }
  }

  /** Closes a forward's scope unless checkpointed layers of the (completed) forward still need it. */
  private void release(NDManager scope, boolean completed) {
    if (checkpoints == null || !checkpoints.keep(scope, completed)) {
      scope.close();
    }
  }

  /**
   * Activation checkpointing on or off: training forwards (under a {@code GradientCollector}) then keep only each
   * decoder layer's and each trained vision block's input and recompute the layer in {@link #backward}.
   */
  public void setGradientCheckpointing(boolean on) {
    GradientCheckpoints c = on ? new GradientCheckpoints() : null;
    this.checkpoints = c;
    decoder.setCheckpoints(c);
    vision.setCheckpoints(c);
  }

  /**
   * Completes the backward of the checkpointed forwards since the last call (after the loss's own backward):
   * recomputes their layers and back-propagates through them. Nothing to do without checkpointing.
   */
  public void backward() {
    if (checkpoints != null) {
      checkpoints.backward();
    }
  }

  /**
   * The merged vision features of {@code inputs} (all images or all videos), rows concatenated in input order:
   * what the decoder would receive in the pad slots. Differentiable; attached to {@code manager}.
   */
  public NDArray visionFeatures(List<VisualInputs> inputs, NDManager manager) {
    if (inputs.isEmpty() || inputs.stream().anyMatch(v -> v.video() != inputs.getFirst().video())) {
      throw new IllegalArgumentException("visionFeatures needs one or more inputs of one modality");
    }
    NDManager scope = manager.newSubManager();
    boolean completed = false;
    try {
      Features features = encode(inputs, scope, null, inputs.getFirst().video() ? "video" : "image");
      NDArray rows = features.rows().get(new NDIndex("{}", HostArrays.owned(scope, features.rowOfOccurrence())));
      rows.attach(manager);
      completed = true;
      return rows;
    } finally {
      release(scope, completed);
    }
  }

  /** Runs the prompt into an empty cache; float32 logits of the last slot {@code [B, V]}. */
  public NDArray prefill(NDArray inputIds, NDArray attentionMask, List<VisualInputs> visuals, KvCache cache,
      NDManager model) {
    if (!cache.isEmpty()) {
      throw new IllegalArgumentException("prefill needs an empty cache (it holds " + cache.length() + " slots); "
          + "use a new cache for a new prompt");
    }
    try (NDManager scope = model.newSubManager()) {
      Prepared p = prepare(inputIds, attentionMask, visuals, scope, null);
      cache.setRopeDeltas(p.rope().deltas());
      NDArray hidden = decoder.forward(p.embeds(), p.rope().positions(), p.mask(), cache, scope, null);
      NDArray logits = decoder.logits(hidden.get(new NDIndex(":, -1, :")));
      logits.attach(inputIds.getManager());
      return logits;
    }
  }

  /** One token per row at position cache length + rope delta (all three streams); logits {@code [B, V]}. */
  public NDArray decode(NDArray tokens, NDArray attentionMask, KvCache cache, NDManager model) {
    if (cache.isEmpty()) {
      throw new IllegalArgumentException("decode needs a prefilled cache");
    }
    long[][] ids = rows(tokens, "tokens");
    long[][] mask = rows(attentionMask, "attentionMask");
    long[] deltas = cache.ropeDeltas();
    int batch = ids.length;
    if (batch != cache.batchSize() || ids[0].length != 1) {
      throw new IllegalArgumentException("tokens must be [" + cache.batchSize() + ", 1], got " + tokens.getShape());
    }
    if (mask.length != batch || mask[0].length != cache.length() + 1) {
      throw new IllegalArgumentException("attentionMask must be [" + batch + ", " + (cache.length() + 1)
          + "] (cache length + 1), got " + attentionMask.getShape());
    }
    checkVocabulary(ids, "tokens");
    long[][][] positions = new long[3][batch][1];
    for (int b = 0; b < batch; b++) {
      for (int s = 0; s < 3; s++) {
        positions[s][b][0] = cache.length() + deltas[b];
      }
    }
    try (NDManager scope = model.newSubManager()) {
      NDArray embeds = decoder.embed(HostArrays.owned(scope, flatten(ids))).reshape(batch, 1, cfg.hiddenSize());
      NDArray hidden = decoder.forward(embeds, positions, mask, cache, scope, null);
      NDArray logits = decoder.logits(hidden.get(new NDIndex(":, -1, :")));
      logits.attach(tokens.getManager());
      return logits;
    }
  }

  private Prepared prepare(NDArray inputIds, NDArray attentionMask, List<VisualInputs> visuals, NDManager scope,
      Trace trace) {
    long[][] ids = rows(inputIds, "inputIds");
    long[][] mask = rows(attentionMask, "attentionMask");
    if (mask.length != ids.length || mask[0].length != ids[0].length) {
      throw new IllegalArgumentException("attentionMask must have the shape of inputIds: expected "
          + inputIds.getShape() + ", got " + attentionMask.getShape());
    }
    int batch = ids.length;
    int len = ids[0].length;
    checkVocabulary(ids, "inputIds");
    List<VisualInputs> images = visuals.stream().filter(v -> !v.video()).toList();
    List<VisualInputs> videos = visuals.stream().filter(VisualInputs::video).toList();
    NDArray table = decoder.embed(HostArrays.owned(scope, flatten(ids)));
    long[] gather = new long[batch * len];
    for (int i = 0; i < gather.length; i++) {
      gather[i] = i;
    }
    long next = gather.length;
    // masked_scatter semantics: features fill the pad slots in flattened (batch-row-major) order.
    for (var modality : List.of(new Modality(images, cfg.imageTokenId(), "image"),
        new Modality(videos, cfg.videoTokenId(), "video"))) {
      if (modality.inputs().isEmpty()) {
        continue;
      }
      Features features = encode(modality.inputs(), scope, trace, modality.name());
      long[] rowOf = features.rowOfOccurrence();
      int slots = 0;
      for (int i = 0; i < gather.length; i++) {
        if (ids[i / len][i % len] == modality.tokenId()) {
          if (slots < rowOf.length) {
            gather[i] = next + rowOf[slots];
          }
          slots++;
        }
      }
      if (slots != rowOf.length) {
        throw new IllegalArgumentException(modality.name() + " features and " + modality.name()
            + " pad tokens do not match: tokens " + slots + ", features " + rowOf.length);
      }
      table = table.concat(features.rows().toType(table.getDataType(), false), 0);
      next += features.rows().getShape().get(0);
    }
    NDArray embeds = (next == gather.length ? table : table.get(new NDIndex("{}", HostArrays.owned(scope, gather))))
        .reshape(batch, len, cfg.hiddenSize());
    RopeIndex rope = visuals.isEmpty() ? RopeIndex.textOnly(mask)
        : RopeIndex.compute(ids, mask, items(images), items(videos), cfg);
    if (trace != null) {
      trace.put("inputs_embeds", embeds);
      long[] flat = new long[3 * batch * len];
      for (int s = 0; s < 3; s++) {
        for (int b = 0; b < batch; b++) {
          System.arraycopy(rope.positions()[s][b], 0, flat, (s * batch + b) * len, len);
        }
      }
      trace.putLongs("position_ids", new long[] {3, batch, len}, flat);
      trace.putLongs("rope_deltas", new long[] {batch, 1}, rope.deltas());
    }
    return new Prepared(embeds, rope, mask);
  }

  private record Modality(List<VisualInputs> inputs, int tokenId, String name) {}

  /**
   * Merged features of the distinct inputs, and for each feature row of the occurrences (in order) the row of
   * {@code rows} that holds it. RL batches repeat one prompt's {@code VisualInputs} object once per rollout.
   */
  private record Features(NDArray rows, long[] rowOfOccurrence) {}

  /**
   * One vision-tower call over the distinct items of a modality (rows concatenated in order of first
   * appearance). Distinct means distinct objects: the same instance repeated (G rollouts of one prompt) is encoded
   * once and its rows are reused through the embedding gather, whose backward sums the occurrences' gradients.
   * Equal but separate objects are encoded separately, as before.
   */
  private Features encode(List<VisualInputs> inputs, NDManager scope, Trace trace, String name) {
    int patchDim = cfg.vision().patchDim();
    int unit = cfg.vision().spatialMergeSize() * cfg.vision().spatialMergeSize();
    Map<VisualInputs, Long> firstRow = new IdentityHashMap<>();
    List<VisualInputs> distinct = new ArrayList<>();
    long[] merged = new long[inputs.size()];
    long rows = 0;
    long featureRows = 0;
    long occurrenceRows = 0;
    List<long[]> grids = new ArrayList<>();
    for (int k = 0; k < inputs.size(); k++) {
      VisualInputs v = inputs.get(k);
      if (v.pixelShape()[1] != patchDim) {
        throw new IllegalArgumentException(name + " pixel rows have " + v.pixelShape()[1] + " values, the model expects "
            + patchDim);
      }
      for (long[] thw : v.gridThw()) {
        merged[k] += thw[0] * thw[1] * thw[2] / unit;
      }
      occurrenceRows += merged[k];
      if (firstRow.putIfAbsent(v, featureRows) == null) {
        distinct.add(v);
        featureRows += merged[k];
        rows += v.pixelShape()[0];
        grids.addAll(List.of(v.gridThw()));
      }
    }
    long[] rowOf = new long[Math.toIntExact(occurrenceRows)];
    int at = 0;
    for (int k = 0; k < inputs.size(); k++) {
      long first = firstRow.get(inputs.get(k));
      for (long r = 0; r < merged[k]; r++) {
        rowOf[at++] = first + r;
      }
    }
    NDArray pixelArray = HostArrays.concatenated(scope,
        distinct.stream().map(VisualInputs::pixelValues).toList(), new Shape(rows, patchDim)).toType(dtype, false);
    return new Features(vision.forward(pixelArray, grids, scope, trace, name), rowOf);
  }

  private static List<RopeIndex.Item> items(List<VisualInputs> inputs) {
    List<RopeIndex.Item> items = new ArrayList<>();
    for (VisualInputs v : inputs) {
      for (int i = 0; i < v.items(); i++) {
        long[] thw = v.gridThw()[i];
        items.add(new RopeIndex.Item(thw[0], thw[1], thw[2], v.secondPerGridT(i), v.video()));
      }
    }
    return items;
  }

  private static long[][] rows(NDArray array, String what) {
    Shape shape = array.getShape();
    if (shape.dimension() != 2 || shape.get(0) < 1 || shape.get(1) < 1) {
      throw new IllegalArgumentException(what + " must be a non-empty [B, L] array, got " + shape);
    }
    long[] flat;
    if (array.getDataType() == DataType.INT64) {
      flat = array.toLongArray();
    } else {
      try (NDArray converted = array.toType(DataType.INT64, false)) {
        flat = converted.toLongArray();
      }
    }
    int b = (int) shape.get(0);
    int l = (int) shape.get(1);
    long[][] out = new long[b][l];
    for (int i = 0; i < b; i++) {
      System.arraycopy(flat, i * l, out[i], 0, l);
    }
    return out;
  }

  private void checkVocabulary(long[][] ids, String what) {
    for (int b = 0; b < ids.length; b++) {
      for (int i = 0; i < ids[b].length; i++) {
        if (ids[b][i] < 0 || ids[b][i] >= cfg.vocabSize()) {
          throw new IllegalArgumentException(what + "[" + b + ", " + i + "] = " + ids[b][i] + " is outside the vocabulary [0, "
              + cfg.vocabSize() + ")");
        }
      }
    }
  }

  private static long[] flatten(long[][] rows) {
    return java.util.Arrays.stream(rows).flatMapToLong(java.util.Arrays::stream).toArray();
  }
}
