package dev.videop2r.evaluation;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a run directory was made with ({@code run.json}). A resumed run must match it, so one journal never
 * mixes outputs of two settings.
 *
 * @param label the row name in tables (defaults to the model's name)
 * @param model the model's description ({@link AnswerModel#describe()}), or "external" for imported predictions
 * @param observations the observations file of a perception-effectiveness run, or "" when none
 */
public record RunConfig(
    String benchmark,
    String annotations,
    String format,
    String mediaRoot,
    String model,
    String label,
    int frames,
    int maxPixels,
    String prompt,
    String condition,
    String observations) {

  /** The benchmark the run answered. */
  public Benchmark bench() {
    return Benchmark.parse(benchmark);
  }

  /** The annotation format as recorded ({@code auto}, {@code video-r1}, {@code official}). */
  public AnnotationFormat annotationFormat() {
    String name = format.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(AnnotationFormat.values()).filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("run.json: format '" + format + "' is not one of auto,"
            + " video-r1, official"));
  }

  /** The annotations the run was scored against, read as the run read them. */
  public LoadedAnnotations loadAnnotations() {
    return AnnotationLoader.load(bench(), Path.of(annotations), annotationFormat());
  }

  /** The settings that decide the outputs; a resumed run may differ only in paths and label. */
  public boolean sameOutputsAs(RunConfig other) {
    return benchmark.equals(other.benchmark)
        && model.equals(other.model)
        && frames == other.frames
        && maxPixels == other.maxPixels
        && prompt.equals(other.prompt)
        && condition.equals(other.condition);
  }
}
