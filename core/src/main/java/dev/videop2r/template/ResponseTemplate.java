package dev.videop2r.template;

import java.util.List;

/**
 * Which segments a response is expected to hold, in order: the VideoP2R process-aware template or
 * Video-R1's plain think/answer template (baselines).
 */
public enum ResponseTemplate {
  /** {@code <observation>…</observation><think>…</think><answer>…</answer>}. */
  PROCESS_AWARE(List.of(Segment.OBSERVATION, Segment.THINK, Segment.ANSWER)),
  /** {@code <think>…</think><answer>…</answer>} (Video-R1). */
  THINK_ANSWER(List.of(Segment.THINK, Segment.ANSWER));

  private final List<Segment> segments;

  ResponseTemplate(List<Segment> segments) {
    this.segments = segments;
  }

  /** The expected segments, in order. */
  public List<Segment> segments() {
    return segments;
  }

  public boolean expects(Segment segment) {
    return segments.contains(segment);
  }
}
