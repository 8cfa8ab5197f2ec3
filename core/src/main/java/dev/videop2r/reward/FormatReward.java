package dev.videop2r.reward;

import dev.videop2r.template.ParsedResponse;
import dev.videop2r.template.PythonText;
import dev.videop2r.template.ResponseTemplate;
import dev.videop2r.template.Segment;
import java.util.regex.Pattern;

/**
 * Binary format rewards, one per process (method spec §4).
 *
 * <p>Corrected: r_fmt^p and r_fmt^r are the parser's structural checks
 * ({@link ParsedResponse#perceptionWellFormed()}, {@link ParsedResponse#reasoningWellFormed()}); whitespace
 * around and between segments is allowed.
 *
 * <p>Video-R1: for the think/answer template, r_fmt^r is Video-R1's own check, a full match of
 * {@code <think>.*?</think>\s*<answer>.*?</answer>} (DOTALL; nested tags inside are accepted, a leading or
 * trailing space or newline is not). For the process-aware template, which Video-R1 lacks, the structural checks
 * apply with Video-R1's fullmatch strictness at the ends: r_fmt^p needs the response to start with
 * {@code <observation>}, r_fmt^r needs it to end with {@code </answer>}.
 */
public final class FormatReward {

  private static final Pattern VIDEO_R1_FORMAT = Pattern.compile(
      "<think>.*?</think>" + PythonText.WHITESPACE_CLASS + "*<answer>.*?</answer>",
      Pattern.DOTALL | Pattern.UNICODE_CHARACTER_CLASS);

  private FormatReward() {}

  /** r_fmt^p; always 0 for the think/answer template (it has no perception segment). */
  public static double perception(ParsedResponse parsed, ScoringMode mode) {
    if (parsed.template() != ResponseTemplate.PROCESS_AWARE || !parsed.perceptionWellFormed()) {
      return 0.0;
    }
    if (mode == ScoringMode.VIDEO_R1 && !parsed.text().startsWith(Segment.OBSERVATION.openTag())) {
      return 0.0;
    }
    return 1.0;
  }

  /** r_fmt^r. */
  public static double reasoning(ParsedResponse parsed, ScoringMode mode) {
    if (mode == ScoringMode.VIDEO_R1) {
      if (parsed.template() == ResponseTemplate.THINK_ANSWER) {
        return videoR1(parsed.text());
      }
      if (!parsed.text().endsWith(Segment.ANSWER.closeTag())) {
        return 0.0;
      }
    }
    return parsed.reasoningWellFormed() ? 1.0 : 0.0;
  }

  /** Video-R1's format_reward: 1 when the whole completion fullmatches its think/answer pattern. */
  public static double videoR1(String completion) {
    return VIDEO_R1_FORMAT.matcher(completion).matches() ? 1.0 : 0.0;
  }
}
