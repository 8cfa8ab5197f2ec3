package dev.videop2r.cli.eval;

import dev.videop2r.evaluation.AnnotationFormat;
import dev.videop2r.evaluation.AnnotationLoader;
import dev.videop2r.evaluation.AnswerExtraction;
import dev.videop2r.evaluation.Benchmark;
import dev.videop2r.evaluation.BenchmarkScorer;
import dev.videop2r.evaluation.LoadedAnnotations;
import dev.videop2r.evaluation.ScoringRules;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What is scored and how: the options shared by {@code eval run} and {@code eval score}. */
final class ScoringOptions {

  @Option(names = "--bench", required = true, paramLabel = "NAME",
      description = "vsibench, videommmu, mmvu, vcrbench, mvbench, tempcompass or videomme.")
  String bench;

  @Option(names = "--annotations", required = true, paramLabel = "FILE",
      description = "Annotation file (Video-R1 eval JSON or the benchmark's own format), or a directory of task"
          + " files (MVBench json/, TempCompass questions/).")
  Path annotations;

  @Option(names = "--format", defaultValue = "auto", paramLabel = "auto|video-r1|official",
      description = "Annotation format (default: ${DEFAULT-VALUE}: Video-R1 records have problem_id and solution).")
  String format;

  @Option(names = "--rules", defaultValue = "video-r1", paramLabel = "video-r1|official",
      description = "Per-item scoring: Video-R1's strict rules (default) or the benchmarks' lenient official rules.")
  String rules;

  @Option(names = "--extraction", defaultValue = "video-r1", paramLabel = "video-r1|first-tag",
      description = "Answer extraction: first <answer>, else the whole output (video-r1, default); or first "
          + "<answer>, else nothing (first-tag).")
  String extraction;

  Benchmark benchmark() {
    return Benchmark.parse(bench);
  }

  LoadedAnnotations load() {
    return AnnotationLoader.load(benchmark(), annotations, annotationFormat());
  }

  AnnotationFormat annotationFormat() {
    return switch (format) {
      case "auto" -> AnnotationFormat.AUTO;
      case "video-r1" -> AnnotationFormat.VIDEO_R1;
      case "official" -> AnnotationFormat.OFFICIAL;
      default -> throw new IllegalArgumentException(
          "--format must be auto, video-r1 or official, got '" + format + "'");
    };
  }

  BenchmarkScorer scorer() {
    ScoringRules r = switch (rules) {
      case "video-r1" -> ScoringRules.VIDEO_R1;
      case "official" -> ScoringRules.OFFICIAL;
      default -> throw new IllegalArgumentException("--rules must be video-r1 or official, got '" + rules + "'");
    };
    AnswerExtraction e = switch (extraction) {
      case "video-r1" -> AnswerExtraction.VIDEO_R1_FALLBACK;
      case "first-tag" -> AnswerExtraction.FIRST_ANSWER_TAG;
      default -> throw new IllegalArgumentException(
          "--extraction must be video-r1 or first-tag, got '" + extraction + "'");
    };
    return new BenchmarkScorer(r, e);
  }
}
