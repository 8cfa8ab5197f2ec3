package dev.videop2r.evaluation;

import dev.videop2r.data.ProblemType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores a run's predictions against loaded annotations: per item, then Video-R1's aggregates, the
 * benchmark's own overall formula and the per-category breakdowns.
 */
public final class BenchmarkScorer {

  /** VSI-Bench, Video-R1 (maintainer, issue #121): the two micro means averaged. */
  public static final String VSI_VIDEO_R1_OVERALL = "video-r1: (mean_acc + mean_mra) / 2";
  /** VSI-Bench, official: the unweighted mean of the eight task scores (rel_direction levels merged). */
  public static final String VSI_OFFICIAL_OVERALL = "official: mean of the 8 task scores";
  public static final String MICRO_ACCURACY = "accuracy over all items";
  public static final String MVBENCH_TASK_MEAN = "official: mean of the 20 task accuracies";

  private final ScoringRules rules;
  private final AnswerExtraction extraction;
  private final ItemScorer itemScorer;

  public BenchmarkScorer(ScoringRules rules, AnswerExtraction extraction) {
    this.rules = rules;
    this.extraction = extraction;
    this.itemScorer = new ItemScorer(rules);
  }

  /** Per-item scores in annotation order; items without a usable prediction score 0. */
  public List<ScoredItem> scoreItems(LoadedAnnotations annotations, Map<String, Prediction> predictions) {
    List<ScoredItem> out = new ArrayList<>(annotations.items().size());
    for (EvalItem item : annotations.items()) {
      Prediction p = predictions.get(item.id());
      if (p == null) {
        out.add(new ScoredItem(item.id(), "", 0, ScoredItem.Status.MISSING));
      } else if (p.failed()) {
        out.add(new ScoredItem(item.id(), "", 0, ScoredItem.Status.FAILED));
      } else {
        String answer = extraction.extract(p.output());
        out.add(new ScoredItem(item.id(), answer, itemScorer.score(item, answer), ScoredItem.Status.OK));
      }
    }
    return out;
  }

  public BenchmarkScore score(LoadedAnnotations annotations, Map<String, Prediction> predictions) {
    List<ScoredItem> scored = scoreItems(annotations, predictions);
    List<RecordError> errors = new ArrayList<>(annotations.errors());
    int failed = 0;
    int missing = 0;
    for (ScoredItem s : scored) {
      if (s.status() == ScoredItem.Status.FAILED) {
        failed++;
        errors.add(new RecordError("problem_id " + s.id(), predictions.get(s.id()).error()));
      } else if (s.status() == ScoredItem.Status.MISSING) {
        missing++;
      }
    }
    Set<String> known = new HashSet<>();
    annotations.items().forEach(i -> known.add(i.id()));
    int unknown = 0;
    int outsideSubset = 0;
    for (String id : new TreeSet<>(predictions.keySet())) {
      if (annotations.excludedIds().contains(id)) {
        outsideSubset++;
      } else if (!known.contains(id)) {
        unknown++;
        errors.add(new RecordError("prediction " + id, "no annotation has this problem_id"));
      }
    }

    Mean accuracy = new Mean();
    Mean mra = new Mean();
    Map<String, Map<String, Mean>> categories = new TreeMap<>();
    for (int i = 0; i < scored.size(); i++) {
      EvalItem item = annotations.items().get(i);
      double score = scored.get(i).score();
      (item.kind() == ProblemType.REGRESSION ? mra : accuracy).add(score);
      item.categories()
          .forEach((key, value) -> categories.computeIfAbsent(key, k -> new LinkedHashMap<>())
              .computeIfAbsent(value, v -> new Mean()).add(score));
    }
    Map<String, List<CategoryScore>> breakdowns = new LinkedHashMap<>();
    categories.forEach((key, rows) -> breakdowns.put(key, ordered(key, annotations.benchmark(), rows)));

    Map<String, Double> overall = overall(annotations.benchmark(), accuracy, mra, breakdowns);
    String rule = headlineRule(annotations.benchmark());
    Double headline = overall.get(rule);
    return new BenchmarkScore(
        annotations.benchmark().cliName(),
        rules.cliName(),
        extraction.cliName(),
        headline == null ? 0 : headline,
        rule,
        scored.size(),
        scored.size() - missing - failed,
        missing,
        failed,
        annotations.errors().size(),
        unknown,
        outsideSubset,
        annotations.excluded(),
        accuracy.percentOrNull(),
        mra.percentOrNull(),
        overall,
        breakdowns,
        errors,
        annotations.countNote());
  }

  private String headlineRule(Benchmark benchmark) {
    return switch (benchmark) {
      case VSI_BENCH -> rules == ScoringRules.VIDEO_R1 ? VSI_VIDEO_R1_OVERALL : VSI_OFFICIAL_OVERALL;
      case MVBENCH -> rules == ScoringRules.VIDEO_R1 ? MICRO_ACCURACY : MVBENCH_TASK_MEAN;
      default -> MICRO_ACCURACY;
    };
  }

  private static Map<String, Double> overall(
      Benchmark benchmark, Mean accuracy, Mean mra, Map<String, List<CategoryScore>> breakdowns) {
    Map<String, Double> overall = new LinkedHashMap<>();
    Mean all = new Mean();
    all.merge(accuracy);
    all.merge(mra);
    if (benchmark == Benchmark.VSI_BENCH) {
      overall.put(VSI_VIDEO_R1_OVERALL, (accuracy.percent() + mra.percent()) / 2);
      overall.put(VSI_OFFICIAL_OVERALL, meanOfRows(breakdowns.get(Category.TASK)));
    } else {
      overall.put(MICRO_ACCURACY, all.percent());
    }
    if (benchmark == Benchmark.MVBENCH) {
      overall.put(MVBENCH_TASK_MEAN, meanOfRows(breakdowns.get(Category.TASK)));
    }
    return overall;
  }

  private static double meanOfRows(List<CategoryScore> rows) {
    return rows == null || rows.isEmpty()
        ? 0
        : rows.stream().mapToDouble(CategoryScore::score).average().orElse(0);
  }

  /** Rows in the benchmark's own order where it has one (tracks, durations, task lists), else by name. */
  private static List<CategoryScore> ordered(String key, Benchmark benchmark, Map<String, Mean> rows) {
    List<String> order = switch (key) {
      case Category.TRACK -> List.of("Perception", "Comprehension", "Adaptation");
      case Category.DURATION -> benchmark == Benchmark.VIDEO_MME ? BenchmarkCategories.VIDEOMME_DURATIONS : List.of();
      case Category.TASK ->
          benchmark == Benchmark.VSI_BENCH ? BenchmarkCategories.VSI_TASKS : BenchmarkCategories.MVBENCH_TASKS;
      default -> List.of();
    };
    List<CategoryScore> out = new ArrayList<>();
    rows.forEach((name, mean) -> out.add(new CategoryScore(name, mean.n, mean.percent())));
    out.sort(Comparator.comparingInt((CategoryScore c) -> {
      int i = order.indexOf(c.name());
      return i < 0 ? Integer.MAX_VALUE : i;
    }).thenComparing(CategoryScore::name));
    return out;
  }

  /** A running mean of item scores. */
  private static final class Mean {
    private double sum;
    private int n;

    void add(double x) {
      sum += x;
      n++;
    }

    void merge(Mean other) {
      sum += other.sum;
      n += other.n;
    }

    double percent() {
      return n == 0 ? 0 : 100 * sum / n;
    }

    Double percentOrNull() {
      return n == 0 ? null : percent();
    }
  }
}
