package dev.videop2r.experiments;

import dev.videop2r.evaluation.SyntheticEvaluation;
import dev.videop2r.data.ProblemType;
import dev.videop2r.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes the quickstart's {@code report.md}: the paper's tables in miniature and the training-dynamics plots. */
final class QuickstartReport {
  private final StringBuilder md = new StringBuilder();

  QuickstartReport(String title) {
    md.append("# ").append(title).append("\n\n");
  }

  QuickstartReport paragraph(String text) {
    md.append(text).append("\n\n");
    return this;
  }

  QuickstartReport heading(String text) {
    md.append("## ").append(text).append("\n\n");
    return this;
  }

  QuickstartReport code(String text) {
    md.append("```text\n").append(text.stripTrailing()).append("\n```\n\n");
    return this;
  }

  /** Paper Table 1 layout: one row per model, reasoning accuracy per problem type, then the averages. */
  QuickstartReport scores(List<SyntheticEvaluation.Scores> rows) {
    md.append("| Model |");
    for (ProblemType t : ProblemType.values()) {
      md.append(' ').append(t.wireName()).append(" |");
    }
    md.append(" **Avg.** | Perception (judge) | Think states answer | Format |\n|---|");
    md.append("---:|".repeat(ProblemType.values().length + 4)).append('\n');
    for (SyntheticEvaluation.Scores s : rows) {
      md.append("| ").append(s.label()).append(" |");
      for (ProblemType t : ProblemType.values()) {
        SyntheticEvaluation.Metrics m = s.byType().get(t);
        md.append(' ').append(m == null ? "–" : pct(m.reasoningAccuracy())).append(" |");
      }
      md.append(" **").append(pct(s.overall().reasoningAccuracy())).append("** | ")
          .append(pct(s.overall().perceptionAccuracy())).append(" | ").append(pct(s.overall().agreement()))
          .append(" | ").append(pct(s.overall().format()))
          .append(" |\n");
    }
    md.append('\n');
    return this;
  }

  /** Embeds the PNG plots of a run directory (paths relative to the report). */
  QuickstartReport plots(Path reportDir, Path runDir, List<String> files) {
    for (String f : files) {
      Path png = runDir.resolve("plots").resolve(f);
      if (Files.exists(png)) {
        md.append("![").append(f).append("](").append(reportDir.relativize(png)).append(")\n");
      }
    }
    md.append('\n');
    return this;
  }

  static String pct(double x) {
    return String.format(Locale.ROOT, "%.1f", 100 * x);
  }

  /** Writes the report atomically. */
  Path write(Path file) {
    try {
      AtomicFiles.write(file, md.toString().getBytes(StandardCharsets.UTF_8));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public String toString() {
    return md.toString();
  }
}
