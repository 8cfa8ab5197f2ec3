package dev.videop2r.cli.eval;

import dev.videop2r.evaluation.BenchmarkScore;
import dev.videop2r.evaluation.CategoryScore;
import dev.videop2r.evaluation.RecordError;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a benchmark score for people: the headline with its rule, the counts, breakdowns, first errors. */
final class ScoreReport {

  private static final int ERRORS_SHOWN = 10;

  private ScoreReport() {}

  static void print(BenchmarkScore s, PrintWriter out) {
    out.printf(Locale.ROOT, "%s: %.2f  (%s; rules %s, extraction %s)%n",
        s.benchmark(), s.headline(), s.headlineRule(), s.rules(), s.extraction());
    out.printf(Locale.ROOT, "  items %d: scored %d, missing %d, failed %d (missing and failed count as wrong); %s%n",
        s.items(), s.scored(), s.missing(), s.failed(), s.countNote());
    if (s.annotationErrors() > 0 || s.unknownPredictions() > 0) {
      out.printf(Locale.ROOT, "  malformed annotation records %d, predictions with unknown ids %d%n",
          s.annotationErrors(), s.unknownPredictions());
    }
    s.excluded().forEach((reason, n) -> out.printf(Locale.ROOT, "  excluded by subset rule: %d (%s)%n", n, reason));
    if (s.predictionsOutsideSubset() > 0) {
      out.printf(Locale.ROOT, "  predictions for excluded records (not scored): %d%n", s.predictionsOutsideSubset());
    }
    if (s.accuracy() != null) {
      out.printf(Locale.ROOT, "  mean_acc %.2f (non-regression items)%n", s.accuracy());
    }
    if (s.mra() != null) {
      out.printf(Locale.ROOT, "  mean_mra %.2f (regression items)%n", s.mra());
    }
    s.overall().forEach((rule, value) -> out.printf(Locale.ROOT, "  overall %-45s %.2f%n", rule, value));
    for (Map.Entry<String, List<CategoryScore>> breakdown : s.breakdowns().entrySet()) {
      out.printf("  by %s:%n", breakdown.getKey());
      for (CategoryScore row : breakdown.getValue()) {
        out.printf(Locale.ROOT, "    %-40s %7.2f  (n=%d)%n", row.name(), row.score(), row.n());
      }
    }
    List<RecordError> errors = s.errors();
    for (int i = 0; i < Math.min(ERRORS_SHOWN, errors.size()); i++) {
      out.println("  error: " + errors.get(i));
    }
    if (errors.size() > ERRORS_SHOWN) {
      out.printf("  ... %d more errors in score.json%n", errors.size() - ERRORS_SHOWN);
    }
    out.flush();
  }
}
