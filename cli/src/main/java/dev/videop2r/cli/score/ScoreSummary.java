package dev.videop2r.cli.score;

import dev.videop2r.data.ProblemType;
import dev.videop2r.pipeline.Judgement;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Per-problem-type totals of a {@code score} run; records that failed are counted apart. */
final class ScoreSummary {

  private static final class Totals {
    int records;
    double accuracy;
    double perceptionFormat;
    double reasoningFormat;
    int judged;
    int noScore;
    double perceptionReward;
    int perceptionRewards;
  }

  private final Map<ProblemType, Totals> byType = new EnumMap<>(ProblemType.class);
  /** Records whose problem_type Video-R1's reward code does not know (video-r1 mode scores them 0.0). */
  private final Totals unknownType = new Totals();
  private final boolean withJudgments;
  private int errors;
  private int blankLines;

  ScoreSummary(boolean withJudgments) {
    this.withJudgments = withJudgments;
  }

  void add(RecordScorer.Scored s) {
    Totals t = s.type().map(type -> byType.computeIfAbsent(type, k -> new Totals())).orElse(unknownType);
    t.records++;
    t.accuracy += s.reasoningAccuracy();
    t.perceptionFormat += s.perceptionFormat();
    t.reasoningFormat += s.reasoningFormat();
    if (s.verdict().isPresent()) {
      t.judged++;
      if (s.verdict().get() == Judgement.Verdict.NO_SCORE) {
        t.noScore++;
      }
    }
    s.perceptionReward().ifPresent(r -> {
      t.perceptionReward += r;
      t.perceptionRewards++;
    });
  }

  void addError() {
    errors++;
  }

  void addBlankLine() {
    blankLines++;
  }

  int errors() {
    return errors;
  }

  int scored() {
    return byType.values().stream().mapToInt(t -> t.records).sum() + unknownType.records;
  }

  void print(PrintWriter out) {
    String header = String.format(Locale.ROOT, "%-16s %8s %9s %9s %9s", "problem_type", "records", "accuracy",
        "fmt_perc", "fmt_reas");
    out.println(withJudgments ? header + String.format(Locale.ROOT, " %8s %8s %9s", "judged", "no_score",
        "R_p_mean") : header);
    Map<String, Totals> rows = new java.util.LinkedHashMap<>();
    byType.forEach((type, t) -> rows.put(type.wireName(), t));
    if (unknownType.records > 0) {
      rows.put("(unknown type)", unknownType);
    }
    Totals all = new Totals();
    for (Map.Entry<String, Totals> e : rows.entrySet()) {
      printRow(out, e.getKey(), e.getValue());
      Totals t = e.getValue();
      all.records += t.records;
      all.accuracy += t.accuracy;
      all.perceptionFormat += t.perceptionFormat;
      all.reasoningFormat += t.reasoningFormat;
      all.judged += t.judged;
      all.noScore += t.noScore;
      all.perceptionReward += t.perceptionReward;
      all.perceptionRewards += t.perceptionRewards;
    }
    printRow(out, "all", all);
    out.printf(Locale.ROOT, "%-16s %8d%n", "errors", errors);
    if (blankLines > 0) {
      out.printf(Locale.ROOT, "(%d blank lines skipped)%n", blankLines);
    }
  }

  private void printRow(PrintWriter out, String name, Totals t) {
    int n = Math.max(1, t.records);
    String row = String.format(Locale.ROOT, "%-16s %8d %9.4f %9.4f %9.4f", name, t.records, t.accuracy / n,
        t.perceptionFormat / n, t.reasoningFormat / n);
    if (withJudgments) {
      String mean = t.perceptionRewards == 0 ? "-"
          : String.format(Locale.ROOT, "%.4f", t.perceptionReward / t.perceptionRewards);
      row += String.format(Locale.ROOT, " %8d %8d %9s", t.judged, t.noScore, mean);
    }
    out.println(row);
  }
}
