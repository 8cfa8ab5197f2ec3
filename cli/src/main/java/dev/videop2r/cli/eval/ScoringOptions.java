package dev.videop2r.cli.eval;

import dev.videop2r.evaluation.AnnotationFormat;
import dev.videop2r.evaluation.AnnotationLoader;
import dev.videop2r.evaluation.AnswerExtraction;
import dev.videop2r.evaluation.Benchmark;
import dev.videop2r.evaluation.BenchmarkScorer;
import dev.videop2r.evaluation.LoadedAnnotations;
import dev.videop2r.evaluation.ScoringRules;
import dev.videop2r.cli.EnumConverters;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What is scored and how: the options shared by {@code eval run} and {@code eval score}. */
final class ScoringOptions {

  @Option(names = "--bench", required = true, paramLabel = "NAME",
      description = "vsibench, videommmu, mmvu, vcrbench, mvbench, tempcompass or videomme.")
  Benchmark bench;

  @Option(names = "--annotations", required = true, paramLabel = "FILE",
      description = "Annotation file (Video-R1 eval JSON or the benchmark's own format), or a directory of task"
          + " files (MVBench json/, TempCompass questions/).")
  Path annotations;

  @Option(names = "--format", defaultValue = "auto", paramLabel = "auto|video-r1|official",
      description = "Annotation format (default: ${DEFAULT-VALUE}: Video-R1 records have problem_id and solution).")
  AnnotationFormat format;

  @Option(names = "--rules", defaultValue = "video-r1", paramLabel = "video-r1|official",
      description = "Per-item scoring: Video-R1's strict rules (default) or the benchmarks' lenient official rules.")
  ScoringRules rules;

  @Option(names = "--extraction", defaultValue = "video-r1", paramLabel = "video-r1|first-tag",
      description = "Answer extraction: first <answer>, else the whole output (video-r1, default); or first "
          + "<answer>, else nothing (first-tag).")
  AnswerExtraction extraction;

  Benchmark benchmark() {
    return bench;
  }

  LoadedAnnotations load() {
    return AnnotationLoader.load(bench, annotations, format);
  }

  /** The annotation format as run.json records it. */
  String formatName() {
    return EnumConverters.spelling(format);
  }

  BenchmarkScorer scorer() {
    return new BenchmarkScorer(rules, extraction);
  }
}
