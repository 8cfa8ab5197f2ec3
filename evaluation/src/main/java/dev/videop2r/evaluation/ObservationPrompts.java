package dev.videop2r.evaluation;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Perception effectiveness (paper Table 5): a model answers from the question plus an observation that
 * another model wrote. The paper's prompt (its Fig. 13) is not in the text; ours puts the observation,
 * in its own tags, before the usual question prompt.
 */
public final class ObservationPrompts {

  private static final Pattern OBSERVATION =
      Pattern.compile("<observation>\\s*(.*?)\\s*</observation>", Pattern.DOTALL);

  private ObservationPrompts() {}

  /** The first observation segment of a model output, if it has one. */
  public static Optional<String> observationOf(String output) {
    Matcher m = OBSERVATION.matcher(output);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The observations of a run's predictions, by item id; outputs without one are left out. */
  public static Map<String, String> observations(Map<String, Prediction> predictions) {
    Map<String, String> out = new HashMap<>();
    predictions.forEach(
        (id, p) -> {
          if (!p.failed()) {
            observationOf(p.output()).ifPresent(o -> out.put(id, o));
          }
        });
    return out;
  }

  public static String withObservation(String prompt, String observation) {
    return "Another model watched the video and described what it saw:\n<observation>"
        + observation
        + "</observation>\nUse this description as your view of the video.\n\n"
        + prompt;
  }
}
