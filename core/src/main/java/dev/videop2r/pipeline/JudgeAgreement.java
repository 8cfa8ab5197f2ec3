package dev.videop2r.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.io.JsonLines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A judge's accuracy against human labels (paper Table 4 "Judge Acc."). Labelled samples are JSON Lines:
 * {@code {"question": ..., "ground_truth": ..., "observation": ..., "sufficient": true|false, "facts": [...]}}
 * ({@code facts} optional, read only by the synthetic judge). A "no score" counts against accuracy (the judge
 * failed to answer) and is reported separately.
 */
public final class JudgeAgreement {

  /** One labelled sample. */
  public record Labelled(JudgeQuery query, boolean sufficient) {}

  /**
   * Agreement counts: tp/tn/fp/fn with "sufficient" as the positive class.
   *
   * @param noScore labelled samples the judge gave no score
   */
  public record Result(int truePositive, int trueNegative, int falsePositive, int falseNegative, int noScore) {

    public int total() {
      return truePositive + trueNegative + falsePositive + falseNegative + noScore;
    }

    /** Share of all labelled samples the judge got right (no-score counts as wrong). */
    public double accuracy() {
      return total() == 0 ? Double.NaN : (double) (truePositive + trueNegative) / total();
    }

    public String render() {
      return String.format(Locale.ROOT, "judge accuracy %.4f (%d/%d)%n"
              + "                 judged sufficient  judged insufficient%n"
              + "label sufficient   %17d  %19d%n"
              + "label insufficient %17d  %19d%n"
              + "no score: %d%n",
          accuracy(), truePositive + trueNegative, total(), truePositive, falseNegative, falsePositive,
          trueNegative, noScore);
    }
  }

  private JudgeAgreement() {}

  /** Reads labelled samples; a malformed line fails with its line number. */
  public static List<Labelled> read(Path file) throws IOException {
    List<Labelled> out = new ArrayList<>();
    try (JsonLines in = JsonLines.open(file)) {
      for (JsonLines.Line line; (line = in.next()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = line.json();
        try {
          List<String> facts = new ArrayList<>();
          n.path("facts").forEach(f -> facts.add(f.asText()));
          JsonNode label = n.get("sufficient");
          if (label == null || !label.isBoolean()) {
            throw new IllegalArgumentException("field 'sufficient' must be true or false");
          }
          out.add(new Labelled(new JudgeQuery(text(n, "question"), text(n, "ground_truth"), text(n, "observation"),
              facts), label.asBoolean()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(line.where() + ": " + e.getMessage(), e);
        }
      }
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("missing string field '" + field + "'");
    }
    return v.asText();
  }

  /** Runs the judge over the labelled samples, {@code concurrency} at a time. */
  public static Result measure(Judge judge, List<Labelled> labelled, int concurrency)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, concurrency));
    try {
      List<Future<Judgement>> futures = new ArrayList<>();
      for (Labelled l : labelled) {
        futures.add(pool.submit(() -> judge.judge(l.query())));
      }
      int tp = 0;
      int tn = 0;
      int fp = 0;
      int fn = 0;
      int none = 0;
      for (int i = 0; i < labelled.size(); i++) {
        Judgement j;
        try {
          j = futures.get(i).get();
        } catch (java.util.concurrent.ExecutionException e) {
          j = Judgement.noScore(String.valueOf(e.getCause()));
        }
        boolean label = labelled.get(i).sufficient();
        switch (j.verdict()) {
          case NO_SCORE -> none++;
          case SUFFICIENT -> {
            if (label) {
              tp++;
            } else {
              fp++;
            }
          }
          case INSUFFICIENT -> {
            if (label) {
              fn++;
            } else {
              tn++;
            }
          }
        }
      }
      return new Result(tp, tn, fp, fn, none);
    } finally {
      pool.shutdownNow();
    }
  }
}
