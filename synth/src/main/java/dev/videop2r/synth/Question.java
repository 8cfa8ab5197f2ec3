package dev.videop2r.synth;

import dev.videop2r.data.ProblemType;
import java.util.List;

/**
 * A question about a clip. Its answer, facts and rationale are computed from a sequence of frame states, so the
 * same oracle applied to shuffled frames shows whether the question depends on frame order.
 */
public sealed interface Question permits EventOrderQuestion, DirectionQuestion, ColourChangeQuestion,
    DistanceQuestion, TextQuestion, DescriptionQuestion {

  ProblemType type();

  /** The question sentence, without options. */
  String problem();

  /** Multiple-choice options as {@code "A. the red circle"}; none for other types. */
  default List<String> options() {
    return List.of();
  }

  /** The answer a perfect observer gives from these frames, in this order. */
  String answer(List<FrameState> frames);

  /** The perception facts needed to answer, read from the frames in order. */
  List<String> facts(List<FrameState> frames);

  /** One or two sentences from the facts to the answer. */
  String rationale(List<FrameState> frames);
}
