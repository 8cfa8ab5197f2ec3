package dev.videop2r.model.qwen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.videop2r.model.lora.LoraAdapters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Activation (gradient) checkpointing for DJL, which has no {@code torch.utils.checkpoint}: a checkpointed layer
 * runs its forward without recording and keeps only its input; its output becomes a leaf that the rest of the
 * forward records from. After the loss's backward has put the gradient on the last such leaf, {@link #backward}
 * replays the layers last to first: each is recomputed from its input with recording on and back-propagated with
 * the gradient its output received, which lands on the previous layer's output (a leaf too) or, for the first
 * layer, flows on through the graph that produced its input (embeddings, vision features).
 *
 * <p>The forward's scope (inputs, rotary tables, masks the layers read) is kept until the replay; each layer's
 * intermediates live only while it runs, in the first pass and again in the replay. LoRA dropout draws the same
 * masks in the replay as in the first pass (its stream is rewound to where the layer started), so checkpointing
 * changes memory and time, not gradients.
 */
final class GradientCheckpoints {

  /** A checkpointed layer: its input (graph attached, if any), its output leaf, and where the dropout stream was. */
  private record Segment(NDArray input, NDArray output, UnaryOperator<NDArray> layer, LoraAdapters lora, long draws) {}

  /** Set while a checkpointed layer runs its first (unrecorded) pass: it still computes as in training. */
  private static final ThreadLocal<Boolean> FIRST_PASS = ThreadLocal.withInitial(() -> false);

  private final List<Segment> segments = new ArrayList<>();
  private final List<NDManager> scopes = new ArrayList<>();
  /** Segments whose forward's scope {@link #keep} has taken over. */
  private int kept;

  /** Whether the current computation is a training one (LoRA dropout on): recording, or a first pass. */
  static boolean training() {
    return JniUtils.isGradMode() || FIRST_PASS.get();
  }

  /** Whether layers should be checkpointed now: only a recorded (training) forward has a backward to replay in. */
  static boolean active(GradientCheckpoints checkpoints) {
    return checkpoints != null && JniUtils.isGradMode();
  }

  /** {@code layer(x)} computed without recording; the output is a leaf whose gradient {@link #backward} uses. */
  NDArray run(NDArray x, UnaryOperator<NDArray> layer, LoraAdapters lora) {
    long draws = lora == null ? 0 : lora.dropoutDraws();
    boolean chained = !segments.isEmpty() && segments.getLast().output() == x;
    NDArray input = chained ? x : anchored(x);
    NDArray y;
    JniUtils.setGradMode(false);
    FIRST_PASS.set(true);
    try {
      y = layer.apply(input);
    } finally {
      FIRST_PASS.set(false);
      JniUtils.setGradMode(true);
    }
    y.setRequiresGradient(true);
    segments.add(new Segment(input, y, layer, lora, draws));
    return y;
  }

  /**
   * {@code x + 0} with the zero a leaf that requires a gradient, so the first input of a chain of checkpointed
   * layers always has a graph to back-propagate into, whether or not x was computed from trained weights (LoRA
   * leaves the embeddings frozen). DJL cannot tell: its {@code requiresGrad} is false for every non-leaf array.
   */
  private static NDArray anchored(NDArray x) {
    NDArray zero = x.getManager().zeros(new Shape(), x.getDataType());
    zero.setRequiresGradient(true);
    return x.add(zero);
  }

  /**
   * Takes over the scope of a completed forward that checkpointed layers (it holds their inputs and what they
   * read) and returns true; otherwise returns false and leaves the scope to its owner. A forward that failed
   * leaves no layers behind to replay.
   */
  boolean keep(NDManager scope, boolean completed) {
    if (!completed) {
      segments.subList(kept, segments.size()).clear();
    }
    if (segments.size() == kept) {
      return false;
    }
    kept = segments.size();
    scopes.add(scope);
    return true;
  }

  /** Replays the checkpointed layers, last first, then releases the kept scopes. Call after the loss's backward. */
  void backward() {
    boolean mode = JniUtils.isGradMode();
    JniUtils.setGradMode(true);
    try {
      for (int i = segments.size() - 1; i >= 0; i--) {
        replay(segments.get(i));
      }
    } finally {
      JniUtils.setGradMode(mode);
      segments.clear();
      kept = 0;
      scopes.forEach(NDManager::close);
      scopes.clear();
    }
  }

  private static void replay(Segment s) {
    NDArray gradient = gradientOf(s.output());
    if (gradient == null) {
      return; // the loss does not depend on this layer's output
    }
    long end = s.lora() == null ? 0 : s.lora().dropoutDraws();
    if (s.lora() != null) {
      s.lora().rewindDropout(s.draws());
    }
    try (NDManager scope = s.input().getManager().newSubManager()) {
      NDArray leaf = s.input().stopGradient();
      leaf.attach(scope);
      leaf.setRequiresGradient(true);
      NDArray out = s.layer().apply(leaf);
      JniUtils.backward((PtNDArray) out, (PtNDArray) gradient, false, false);
      NDArray inputGradient = gradientOf(leaf);
      if (inputGradient != null) {
        // Onto the previous layer's output leaf, or back through the graph that produced the first input.
        JniUtils.backward((PtNDArray) s.input(), (PtNDArray) inputGradient, false, false);
      }
    } finally {
      if (s.lora() != null) {
        s.lora().rewindDropout(end);
      }
      // Its gradient is spent: release the output and the gradient on it now, not when the scope closes.
      gradient.close();
      s.output().close();
    }
  }

  /** The gradient accumulated on a leaf, or null when none reached it. */
  private static NDArray gradientOf(NDArray leaf) {
    return JniUtils.getGradient((PtNDArray) leaf);
  }
}
