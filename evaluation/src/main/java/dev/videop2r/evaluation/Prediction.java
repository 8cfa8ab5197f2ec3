package dev.videop2r.evaluation;

/**
 * A model's output for one item, as journaled by the runner or supplied by the user.
 *
 * @param id the item id ({@code problem_id})
 * @param output the raw model output ("" when the call failed)
 * @param error why there is no output (missing video, model failure), or null; such items score 0
 */
public record Prediction(String id, String output, String error) {
  public Prediction {
    output = output == null ? "" : output;
  }

  public static Prediction of(String id, String output) {
    return new Prediction(id, output, null);
  }

  public boolean failed() {
    return error != null;
  }
}
