package dev.videop2r.template;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A response split into its segments.
 *
 * @param text the response as parsed
 * @param template the template it was checked against
 * @param mode strict or lenient
 * @param elements every segment element found, top-level and nested, in order of their opening tags
 * @param defects every defect, in a stable order (by kind, then position)
 * @param perceptionWellFormed r_fmt^p holds: one closed, clean observation first, nothing but whitespace before it
 * @param reasoningWellFormed r_fmt^r holds: one closed, clean think then one closed, clean answer, the answer last,
 *     nothing but whitespace outside segments after the observation
 * @param selected the segment chosen for each kind (see {@link ParseMode})
 */
public record ParsedResponse(
    String text,
    ResponseTemplate template,
    ParseMode mode,
    List<ParsedSegment> elements,
    List<Defect> defects,
    boolean perceptionWellFormed,
    boolean reasoningWellFormed,
    Map<Segment, ParsedSegment> selected) {

  public ParsedResponse {
    elements = List.copyOf(elements);
    defects = List.copyOf(defects);
    selected = selected.isEmpty() ? Map.of() : new EnumMap<>(selected);
  }

  /** The selected element of a segment, if any. */
  public Optional<ParsedSegment> segment(Segment segment) {
    return Optional.ofNullable(selected.get(segment));
  }

  public Optional<ParsedSegment> observation() {
    return segment(Segment.OBSERVATION);
  }

  /**
   * The observation as a perception segment: only a top-level one. An observation nested inside another segment
   * (e.g. inside think, which lenient parsing still finds) is part of that segment, so such a response has no
   * perception tokens and nothing for the judge (method spec §1).
   */
  public Optional<ParsedSegment> perception() {
    return observation().filter(o -> !o.nested());
  }

  public Optional<ParsedSegment> think() {
    return segment(Segment.THINK);
  }

  public Optional<ParsedSegment> answer() {
    return segment(Segment.ANSWER);
  }

  /** No defect at all: the response follows its template exactly (whitespace between segments allowed). */
  public boolean wellFormed() {
    return defects.isEmpty();
  }

  /** The defects as short messages, for logs and JSON output. */
  public List<String> defectMessages() {
    return defects.stream().map(Defect::describe).toList();
  }
}
