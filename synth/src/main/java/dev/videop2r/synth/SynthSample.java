package dev.videop2r.synth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One synthetic question in the Video-R1-260k record format (team contract 1), plus the perception {@code facts}
 * the question needs and a short {@code rationale} from those facts to the answer. Sentences are lowercase, use
 * the world's closed vocabulary, and end with a period.
 *
 * @param problemId unique across the train and test files of one generation run
 * @param problemType one of {@code multiple choice}, {@code numerical}, {@code OCR}, {@code free-form},
 *     {@code regression}
 * @param options {@code "A. the red circle"} style entries for multiple choice, else empty
 * @param solution the answer wrapped in {@code <answer>...</answer>}
 * @param path the clip, relative to the media root, starting with {@code ./}
 */
@JsonPropertyOrder({"problem_id", "problem", "data_type", "problem_type", "options", "solution", "path",
    "data_source", "facts", "rationale"})
public record SynthSample(
    @JsonProperty("problem_id") int problemId,
    @JsonProperty("problem") String problem,
    @JsonProperty("data_type") String dataType,
    @JsonProperty("problem_type") String problemType,
    @JsonProperty("options") List<String> options,
    @JsonProperty("solution") String solution,
    @JsonProperty("path") String path,
    @JsonProperty("data_source") String dataSource,
    @JsonProperty("facts") List<String> facts,
    @JsonProperty("rationale") String rationale) {

  public static final String DATA_TYPE_VIDEO = "video";
  public static final String DATA_SOURCE = "synthetic";

  public SynthSample {
    options = List.copyOf(options);
    facts = List.copyOf(facts);
  }

  /** The text between the answer tags. */
  public String answer() {
    return solution.substring("<answer>".length(), solution.length() - "</answer>".length());
  }
}
