package dev.videop2r.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds a random scene and a question about it for one question kind. The scene is constrained so the
 * question is well posed (unique names, clear motion, distinct event times); everything comes from the seed.
 */
public final class SceneGenerator {

  /** A scene with the question asked about it. */
  public record Posed(Scene scene, Question question) {}

  private final SynthKnobs knobs;

  public SceneGenerator(SynthKnobs knobs) {
    this.knobs = knobs;
  }

  public SynthKnobs knobs() {
    return knobs;
  }

  public Posed generate(QuestionKind kind, long seed) {
    return new Builder(new SplittableRandom(seed)).pose(kind);
  }

  /** State of one generation: the random stream and the names already taken. */
  private final class Builder {
    private final SplittableRandom rng;
    private final List<SceneObject> targets = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Set<ShapeKind> reservedShapes = EnumSet.noneOf(ShapeKind.class);
    private final List<TimedWord> words = new ArrayList<>();
    private int nextId = 0;

    Builder(SplittableRandom rng) {
      this.rng = rng;
    }

    Posed pose(QuestionKind kind) {
      Question question = switch (kind) {
        case EVENT_ORDER -> eventOrder();
        case DIRECTION -> direction();
        case COLOUR_CHANGES -> colourChanges();
        case DISTANCE -> distance();
        case TEXT -> text();
        case DESCRIPTION -> description();
      };
      List<SceneObject> objects = new ArrayList<>();
      for (int i = 0; i < knobs.distractors(); i++) {
        objects.add(distractor());
      }
      objects.addAll(targets); // drawn last, so distractors never hide what a question is about
      Scene scene = new Scene(knobs.width(), knobs.height(), knobs.frames(), knobs.fps(), objects, words,
          knobs.noise(), rng.nextLong());
      return new Posed(scene, question);
    }

    private Question eventOrder() {
      int n = knobs.objects();
      int latest = knobs.frames() / 2;
      int[] appear = distinctFrames(n, 1, latest, 2);
      // Equal on-screen time for every choice: in shuffled frames each is then equally likely to show first.
      int duration = knobs.frames() - 1 - latest;
      List<Integer> ids = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        SceneObject o = moving(pickShape(false), appear[i], appear[i] + duration, knobs.speed() * 0.5, List.of());
        targets.add(o);
        ids.add(o.id());
        labels.add(o.name());
      }
      shuffleTogether(ids, labels);
      return new EventOrderQuestion(ids, labels);
    }

    private Question direction() {
      SceneObject o = moving(pickShape(false), 0, knobs.frames(), knobs.speed() * uniform(0.8, 1.3), List.of());
      targets.add(o);
      List<Direction> choices = new ArrayList<>(List.of(Direction.values()));
      shuffle(choices);
      return new DirectionQuestion(o.id(), o.name(), choices);
    }

    private Question colourChanges() {
      ShapeKind shape = pickShape(true);
      int changes = 1 + rng.nextInt(3);
      int[] at = distinctFrames(changes, 2, knobs.frames() - 2, 2);
      SynthColour first = freeColour(shape);
      List<SceneObject.ColourChange> list = new ArrayList<>();
      SynthColour previous = first;
      for (int frame : at) {
        SynthColour next = otherColour(previous);
        list.add(new SceneObject.ColourChange(frame, next));
        previous = next;
      }
      SceneObject o = moving(shape, first, 0, knobs.frames(), knobs.speed() * 0.5, list);
      targets.add(o);
      return new ColourChangeQuestion(o.id(), shape);
    }

    private Question distance() {
      SceneObject o = moving(pickShape(false), 0, knobs.frames(), knobs.speed() * uniform(0.6, 1.4), List.of());
      targets.add(o);
      return new DistanceQuestion(o.id(), o.name());
    }

    private Question text() {
      int count = knobs.frames() >= 12 ? 2 + rng.nextInt(2) : 2;
      List<String> pool = new ArrayList<>(Words.ALL);
      shuffle(pool);
      int segment = knobs.frames() / count;
      for (int i = 0; i < count; i++) {
        int from = i * segment + rng.nextInt(2);
        int to = (i + 1) * segment - rng.nextInt(2);
        words.add(new TimedWord(pool.get(i), from, Math.max(from + 2, to)));
      }
      return new TextQuestion();
    }

    private Question description() {
      ShapeKind shape = pickShape(true);
      SynthColour colour = freeColour(shape);
      int frames = knobs.frames();
      boolean appears = rng.nextBoolean();
      boolean disappears = rng.nextBoolean();
      boolean turns = rng.nextBoolean() || !(appears || disappears);
      int appear = appears ? 1 + rng.nextInt(Math.max(1, frames / 4)) : 0;
      int disappear = disappears ? frames - 1 - rng.nextInt(Math.max(1, frames / 4)) : frames;
      List<SceneObject.ColourChange> changes = turns
          ? List.of(new SceneObject.ColourChange(appear + 2 + rng.nextInt(Math.max(1, disappear - appear - 4)),
              otherColour(colour)))
          : List.of();
      SceneObject o = moving(shape, colour, appear, disappear, knobs.speed() * uniform(0.8, 1.3), changes);
      targets.add(o);
      return new DescriptionQuestion(o.id(), o.name());
    }

    /** A shape nobody asks about: random motion, appearance and colour, never sharing a target's name. */
    private SceneObject distractor() {
      List<ShapeKind> shapes = new ArrayList<>();
      for (ShapeKind s : ShapeKind.values()) {
        if (!reservedShapes.contains(s) && !freeColours(s).isEmpty()) {
          shapes.add(s);
        }
      }
      ShapeKind shape = shapes.get(rng.nextInt(shapes.size()));
      int frames = knobs.frames();
      int appear = rng.nextInt(Math.max(1, frames / 3));
      int disappear = frames - rng.nextInt(Math.max(1, frames / 3));
      return moving(shape, freeColour(shape), appear, disappear, knobs.speed() * uniform(0.3, 1.0), List.of());
    }

    private SceneObject moving(ShapeKind shape, int appear, int disappear, double speed,
                               List<SceneObject.ColourChange> changes) {
      return moving(shape, freeColour(shape), appear, disappear, speed, changes);
    }

    /** An object moving along one axis, placed so that it stays inside the play field while visible. */
    private SceneObject moving(ShapeKind shape, SynthColour colour, int appear, int disappear, double speed,
                               List<SceneObject.ColourChange> changes) {
      int radius = 6 + rng.nextInt(4);
      double minX = radius + 2;
      double maxX = knobs.width() - radius - 3;
      double minY = radius + 2;
      double maxY = knobs.height() - SynthKnobs.TEXT_STRIP - radius - 3;
      Direction dir = Direction.values()[rng.nextInt(4)];
      int steps = Math.max(1, disappear - 1 - appear);
      double span = dir.dx() != 0 ? maxX - minX : maxY - minY;
      double travel = Math.min(speed * steps, span * 0.9);
      double v = travel / steps;
      double x = uniform(minX, maxX);
      double y = uniform(minY, maxY);
      if (dir.dx() != 0) {
        x = dir.dx() > 0 ? uniform(minX, maxX - travel) : uniform(minX + travel, maxX);
      } else {
        y = dir.dy() > 0 ? uniform(minY, maxY - travel) : uniform(minY + travel, maxY);
      }
      names.add(colour.word() + " " + shape.word());
      for (SceneObject.ColourChange c : changes) {
        names.add(c.colour().word() + " " + shape.word());
      }
      return new SceneObject(nextId++, shape, colour, radius, x, y, v * dir.dx(), v * dir.dy(), appear, disappear,
          changes);
    }

    /** A shape for a target; {@code unique} reserves it so no other object shares it. */
    private ShapeKind pickShape(boolean unique) {
      List<ShapeKind> free = new ArrayList<>();
      for (ShapeKind s : ShapeKind.values()) {
        if (!reservedShapes.contains(s) && (!unique || targets.stream().noneMatch(t -> t.shape() == s))) {
          free.add(s);
        }
      }
      ShapeKind shape = free.get(rng.nextInt(free.size()));
      if (unique) {
        reservedShapes.add(shape);
      }
      return shape;
    }

    private SynthColour freeColour(ShapeKind shape) {
      List<SynthColour> free = freeColours(shape);
      return free.get(rng.nextInt(free.size()));
    }

    private List<SynthColour> freeColours(ShapeKind shape) {
      List<SynthColour> free = new ArrayList<>();
      for (SynthColour c : SynthColour.values()) {
        if (!names.contains(c.word() + " " + shape.word())) {
          free.add(c);
        }
      }
      return free;
    }

    private SynthColour otherColour(SynthColour not) {
      SynthColour c;
      do {
        c = SynthColour.values()[rng.nextInt(SynthColour.values().length)];
      } while (c == not);
      return c;
    }

    /** {@code n} sorted frames in {@code [lo, hi]} at least {@code gap} apart (the range shrinks gap if needed). */
    private int[] distinctFrames(int n, int lo, int hi, int gap) {
      int g = Math.max(1, Math.min(gap, (hi - lo) / Math.max(1, n)));
      int slack = (hi - lo) - g * (n - 1);
      int[] out = new int[n];
      int[] extra = new int[n];
      for (int i = 0; i < n; i++) {
        extra[i] = rng.nextInt(slack + 1);
      }
      Arrays.sort(extra);
      for (int i = 0; i < n; i++) {
        out[i] = lo + i * g + extra[i];
      }
      return out;
    }

    private double uniform(double lo, double hi) {
      return hi <= lo ? lo : lo + (hi - lo) * rng.nextDouble();
    }

    private <T> void shuffle(List<T> list) {
      for (int i = list.size() - 1; i > 0; i--) {
        Collections.swap(list, i, rng.nextInt(i + 1));
      }
    }

    private void shuffleTogether(List<Integer> a, List<String> b) {
      for (int i = a.size() - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        Collections.swap(a, i, j);
        Collections.swap(b, i, j);
      }
    }
  }
}
