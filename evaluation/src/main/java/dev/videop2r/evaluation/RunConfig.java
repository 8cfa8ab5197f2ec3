package dev.videop2r.evaluation;

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
