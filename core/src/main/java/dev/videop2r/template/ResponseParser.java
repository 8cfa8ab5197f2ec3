package dev.videop2r.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a response into observation, think and answer with character spans and names every defect.
 *
 * <p>Whitespace rule: whitespace (Python's definition, {@link PythonText}) before, between and after the
 * segments is allowed, belongs to no segment and is not a defect; any other character outside the expected
 * segments is the defect "text outside segments". Segment content is the inner text stripped of whitespace.
 *
 * <p>Tags are matched exactly ({@code <think>}, {@code </think>}, case-sensitive). Pairing is XML-like, with one
 * recovery rule: when a segment opens while another is open that is never closed later, the open one is cut
 * off (unclosed) right there, so {@code <observation>a<think>b</think>} reads as an unclosed observation
 * followed by a think, not as a think nested in the observation.
 */
public final class ResponseParser {

  private static final Segment[] SEGMENTS = Segment.values();

  private final ResponseTemplate template;
  private final ParseMode mode;

  public ResponseParser(ResponseTemplate template, ParseMode mode) {
    this.template = template;
    this.mode = mode;
  }

  /** A lenient parser for the process-aware template (what training and scoring use). */
  public static ResponseParser lenient() {
    return new ResponseParser(ResponseTemplate.PROCESS_AWARE, ParseMode.LENIENT);
  }

  public ResponseTemplate template() {
    return template;
  }

  public ParseMode mode() {
    return mode;
  }

  private record Tag(Segment segment, boolean close, int start, int end) {}

  /** An element under construction while tags are paired. */
  private static final class Open {
    final Segment segment;
    final int start;
    final int innerStart;
    final int depth;
    boolean clean = true;

    Open(Segment segment, int start, int innerStart, int depth) {
      this.segment = segment;
      this.start = start;
      this.innerStart = innerStart;
      this.depth = depth;
    }
  }

  public ParsedResponse parse(String text) {
    List<Defect> defects = new ArrayList<>();
    List<ParsedSegment> elements = pairTags(text, scanTags(text), defects);
    return assemble(text, elements, defects);
  }

  /** Pairs opening and closing tags into elements (sorted by start); stray closing tags inside become defects. */
  private static List<ParsedSegment> pairTags(String text, List<Tag> tags, List<Defect> defects) {
    int[] lastCloseStart = new int[SEGMENTS.length];
    Arrays.fill(lastCloseStart, -1);
    for (Tag t : tags) {
      if (t.close) {
        lastCloseStart[t.segment.ordinal()] = t.start;
      }
    }
    List<ParsedSegment> elements = new ArrayList<>();
    Deque<Open> stack = new ArrayDeque<>();
    for (Tag tag : tags) {
      if (!tag.close) {
        // The recovery rule: an open element never closed later is cut off where this one opens.
        while (!stack.isEmpty() && lastCloseStart[stack.peek().segment.ordinal()] < tag.start) {
          finish(text, stack.pop(), tag.start, tag.start, false, elements);
        }
        stack.forEach(o -> o.clean = false);
        stack.push(new Open(tag.segment, tag.start, tag.end, stack.size()));
        continue;
      }
      Open match = stack.stream().filter(o -> o.segment == tag.segment).findFirst().orElse(null);
      if (match == null) {
        // A stray closing tag at top level is text outside segments (found by the gap scan later).
        if (!stack.isEmpty()) {
          stack.forEach(o -> o.clean = false);
          defects.add(new Defect(Defect.Kind.NESTED, tag.segment, new CharSpan(tag.start, tag.end)));
        }
        continue;
      }
      while (stack.peek() != match) {
        finish(text, stack.pop(), tag.start, tag.start, false, elements);
      }
      finish(text, stack.pop(), tag.start, tag.end, true, elements);
    }
    while (!stack.isEmpty()) {
      finish(text, stack.pop(), text.length(), text.length(), false, elements);
    }
    elements.sort(Comparator.comparingInt(e -> e.outer().start()));
    return elements;
  }

  /** Every exact segment tag, in order (a scan for '<' is much cheaper than a regex attempt per character). */
  private static List<Tag> scanTags(String text) {
    List<Tag> tags = new ArrayList<>();
    int at = text.indexOf('<');
    while (at >= 0) {
      Tag tag = tagAt(text, at);
      if (tag != null) {
        tags.add(tag);
      }
      at = text.indexOf('<', tag == null ? at + 1 : tag.end);
    }
    return tags;
  }

  private static Tag tagAt(String text, int at) {
    boolean close = text.startsWith("/", at + 1);
    int nameStart = at + (close ? 2 : 1);
    for (Segment s : SEGMENTS) {
      String name = s.tagName();
      if (text.startsWith(name, nameStart) && text.startsWith(">", nameStart + name.length())) {
        return new Tag(s, close, at, nameStart + name.length() + 1);
      }
    }
    return null;
  }

  private static void finish(String text, Open o, int innerEnd, int outerEnd, boolean closed,
      List<ParsedSegment> elements) {
    CharSpan inner = new CharSpan(o.innerStart, Math.max(o.innerStart, innerEnd));
    String content = PythonText.strip(inner.of(text));
    elements.add(new ParsedSegment(o.segment, new CharSpan(o.start, Math.max(o.innerStart, outerEnd)), inner,
        content, closed, o.depth > 0, o.clean));
  }

  private ParsedResponse assemble(String text, List<ParsedSegment> elements, List<Defect> defects) {
    List<ParsedSegment> topLevel = new ArrayList<>();
    for (ParsedSegment e : elements) {
      if (e.nested()) {
        defects.add(new Defect(Defect.Kind.NESTED, e.segment(), e.outer()));
      } else {
        topLevel.add(e);
      }
      if (!e.closed()) {
        defects.add(new Defect(Defect.Kind.UNCLOSED, e.segment(), e.outer()));
      }
    }

    Map<Segment, ParsedSegment> firstTop = new EnumMap<>(Segment.class);
    List<ParsedSegment> expectedTop = new ArrayList<>();
    for (ParsedSegment e : topLevel) {
      if (!template.expects(e.segment())) {
        continue;
      }
      expectedTop.add(e);
      if (firstTop.putIfAbsent(e.segment(), e) != null) {
        defects.add(new Defect(Defect.Kind.DUPLICATED, e.segment(), e.outer()));
      }
    }
    for (Segment s : template.segments()) {
      if (!firstTop.containsKey(s)) {
        defects.add(new Defect(Defect.Kind.MISSING, s, null));
      }
    }
    int highestRank = -1;
    for (ParsedSegment e : expectedTop) {
      if (firstTop.get(e.segment()) != e) {
        continue;
      }
      int rank = template.segments().indexOf(e.segment());
      if (rank < highestRank) {
        defects.add(new Defect(Defect.Kind.OUT_OF_ORDER, e.segment(), e.outer()));
        break;
      }
      highestRank = rank;
    }
    List<CharSpan> outside = textOutside(text, expectedTop);
    outside.forEach(span -> defects.add(new Defect(Defect.Kind.TEXT_OUTSIDE, null, span)));
    defects.sort(Comparator.comparing((Defect d) -> d.kind().ordinal())
        .thenComparingInt(d -> d.span() == null ? -1 : d.span().start()));

    boolean perception = perceptionWellFormed(expectedTop, outside);
    boolean reasoning = reasoningWellFormed(expectedTop, firstTop, outside);
    return new ParsedResponse(text, template, mode, elements, defects, perception, reasoning,
        select(elements, firstTop, defects));
  }

  /** Maximal non-whitespace runs outside the top-level expected segments, one per gap, trimmed. */
  private static List<CharSpan> textOutside(String text, List<ParsedSegment> expectedTop) {
    List<CharSpan> runs = new ArrayList<>();
    int cursor = 0;
    for (ParsedSegment e : expectedTop) {
      addTrimmedRun(text, cursor, e.outer().start(), runs);
      cursor = Math.max(cursor, e.outer().end());
    }
    addTrimmedRun(text, cursor, text.length(), runs);
    return runs;
  }

  private static void addTrimmedRun(String text, int from, int to, List<CharSpan> runs) {
    int start = from;
    int end = to;
    while (start < end && PythonText.isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && PythonText.isSpace(text.charAt(end - 1))) {
      end--;
    }
    if (end > start) {
      runs.add(new CharSpan(start, end));
    }
  }

  private boolean perceptionWellFormed(List<ParsedSegment> expectedTop, List<CharSpan> outside) {
    if (!template.expects(Segment.OBSERVATION) || expectedTop.isEmpty()) {
      return false;
    }
    ParsedSegment obs = expectedTop.get(0);
    if (obs.segment() != Segment.OBSERVATION || !obs.closed() || !obs.clean()) {
      return false;
    }
    long count = expectedTop.stream().filter(e -> e.segment() == Segment.OBSERVATION).count();
    return count == 1 && outside.stream().noneMatch(span -> span.start() < obs.outer().start());
  }

  private static boolean reasoningWellFormed(List<ParsedSegment> expectedTop,
      Map<Segment, ParsedSegment> firstTop, List<CharSpan> outside) {
    List<ParsedSegment> rest = new ArrayList<>(expectedTop);
    ParsedSegment obs = firstTop.get(Segment.OBSERVATION);
    int regionStart = 0;
    if (obs != null && !rest.isEmpty() && rest.get(0) == obs) {
      rest.remove(0);
      regionStart = obs.outer().end();
    }
    if (rest.size() != 2) {
      return false;
    }
    ParsedSegment think = rest.get(0);
    ParsedSegment answer = rest.get(1);
    if (think.segment() != Segment.THINK || answer.segment() != Segment.ANSWER) {
      return false;
    }
    if (!think.closed() || !think.clean() || !answer.closed() || !answer.clean()) {
      return false;
    }
    int from = regionStart;
    return outside.stream().noneMatch(span -> span.end() > from);
  }

  private Map<Segment, ParsedSegment> select(List<ParsedSegment> elements, Map<Segment, ParsedSegment> firstTop,
      List<Defect> defects) {
    if (mode == ParseMode.STRICT) {
      return defects.isEmpty() ? firstTop : Map.of();
    }
    Map<Segment, ParsedSegment> chosen = new EnumMap<>(Segment.class);
    for (Segment s : template.segments()) {
      ParsedSegment pick = firstTop.get(s);
      if (pick == null) {
        pick = elements.stream().filter(e -> e.segment() == s).findFirst().orElse(null);
      }
      if (pick != null) {
        chosen.put(s, pick);
      }
    }
    return chosen;
  }
}
