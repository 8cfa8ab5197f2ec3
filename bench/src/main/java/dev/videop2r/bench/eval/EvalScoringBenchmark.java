package dev.videop2r.bench.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.evaluation.AnnotationFormat;
import dev.videop2r.evaluation.AnnotationLoader;
import dev.videop2r.evaluation.AnswerExtraction;
import dev.videop2r.evaluation.Benchmark;
import dev.videop2r.evaluation.BenchmarkScorer;
import dev.videop2r.evaluation.LoadedAnnotations;
import dev.videop2r.evaluation.Prediction;
import dev.videop2r.evaluation.PredictionJournal;
import dev.videop2r.evaluation.ScoringRules;
import dev.videop2r.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading and scoring a full-size VSI-Bench run (5,130 items: 2,490 multiple choice, 2,640 regression, the
 * real mix) from disk: annotation file in Video-R1 format, predictions journal, score with breakdowns.
 * Synthetic content, real sizes. The score is milliseconds per whole benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class EvalScoringBenchmark {

  private static final List<String> MC_TASKS = List.of("object_rel_distance", "object_rel_direction_easy",
      "object_rel_direction_medium", "object_rel_direction_hard", "route_planning", "obj_appearance_order");
  private static final List<String> NUMERIC_TASKS =
      List.of("object_counting", "object_abs_distance", "object_size_estimation", "room_size_estimation");

  @Param({"video-r1", "official"})
  public String rules;

  private Path dir;
  private Path annotations;
  private Path predictions;
  private BenchmarkScorer scorer;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("eval-bench");
    annotations = dir.resolve("eval_vsibench.json");
    predictions = dir.resolve("predictions.jsonl");
    ObjectMapper json = Json.MAPPER;
    ArrayNode records = json.createArrayNode();
    StringBuilder lines = new StringBuilder();
    SplittableRandom random = new SplittableRandom(7);
    for (int id = 0; id < 5130; id++) {
      ObjectNode r = records.addObject().put("problem_id", id).put("data_type", "video")
          .put("path", "./Evaluation/VSIBench/scannet/scene" + id % 288 + ".mp4");
      String output;
      if (id < 2490) {
        r.put("problem", "Which object is closest to the door?").put("problem_type", "multiple choice")
            .put("original_question_type", MC_TASKS.get(id % MC_TASKS.size()))
            .put("solution", "<answer>" + "ABCD".charAt(id % 4) + "</answer>");
        r.putArray("options").add("A. chair").add("B. table").add("C. sofa").add("D. bed");
        output = "<think>Let me think about the room layout.</think><answer>" + "ABCD".charAt(random.nextInt(4))
            + "</answer>";
      } else {
        r.put("problem", "How many chairs are in this room?").put("problem_type", "regression")
            .put("original_question_type", NUMERIC_TASKS.get(id % NUMERIC_TASKS.size()))
            .put("solution", "<answer>" + (1 + id % 9) + "</answer>").putNull("options");
        output = "<think>I count them.</think><answer>" + (1 + random.nextInt(9)) + "</answer>";
      }
      lines.append(json.writeValueAsString(json.createObjectNode().put("problem_id", id).put("output", output)))
          .append('\n');
    }
    json.writerWithDefaultPrettyPrinter().writeValue(annotations.toFile(), records);
    Files.writeString(predictions, lines);
    scorer = new BenchmarkScorer(
        rules.equals("video-r1") ? ScoringRules.VIDEO_R1 : ScoringRules.OFFICIAL, AnswerExtraction.VIDEO_R1_FALLBACK);
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(annotations);
    Files.deleteIfExists(predictions);
    Files.deleteIfExists(dir);
  }

  @org.openjdk.jmh.annotations.Benchmark
  public double loadAndScoreVsiBench() {
    LoadedAnnotations loaded = AnnotationLoader.load(Benchmark.VSI_BENCH, annotations, AnnotationFormat.VIDEO_R1);
    Map<String, Prediction> journal = PredictionJournal.read(predictions).predictions();
    if (loaded.items().size() != 5130 || journal.size() != 5130) {
      throw new UncheckedIOException(new IOException("synthetic files did not round-trip"));
    }
    return scorer.score(loaded, journal).headline();
  }
}
