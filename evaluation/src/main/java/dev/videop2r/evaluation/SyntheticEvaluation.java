package dev.videop2r.evaluation;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.data.MediaRoot;
import dev.videop2r.data.ProblemType;
import dev.videop2r.data.Sample;
import dev.videop2r.io.AtomicFiles;
import dev.videop2r.io.Json;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.model.generate.Completion;
import dev.videop2r.model.generate.GenerationConfig;
import dev.videop2r.model.generate.GenerationPrompt;
import dev.videop2r.model.generate.Generator;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.objective.RlObjective;
import dev.videop2r.pipeline.JudgeQuery;
import dev.videop2r.pipeline.Judgement;
import dev.videop2r.pipeline.SyntheticJudge;
import dev.videop2r.reward.RewardBreakdown;
import dev.videop2r.reward.RewardConfig;
import dev.videop2r.reward.ScoringMode;
import dev.videop2r.template.ParsedResponse;
import dev.videop2r.template.ParsedSegment;
import dev.videop2r.template.ParseMode;
import dev.videop2r.template.ResponseParser;
import dev.videop2r.template.ResponseTemplate;
import dev.videop2r.template.Segment;
import dev.videop2r.training.ConversationEncoder;
import dev.videop2r.training.MediaInputs;
import dev.videop2r.training.RolloutPrompt;
import dev.videop2r.training.rl.CoreRolloutScorer;
import dev.videop2r.training.rl.Rollout;
import dev.videop2r.training.rl.RolloutSegments;
import dev.videop2r.training.rl.TemplateSegmentLabeler;
import dev.videop2r.video.FfmpegFrameSource;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Scores a model on the synthetic world's held-out clips with greedy decoding and the same reward code RL uses:
 * reasoning accuracy (the task metric of each problem type), perception accuracy (the synthetic judge on the
 * observation), and the template's format per process. Writes {@code predictions.jsonl} and {@code scores.json};
 * a finished evaluation is read back instead of recomputed.
 *
 * <p>With {@link Clips#MISMATCHED} every question is asked about another held-out clip (the next one, cyclically):
 * the blind control. A model that scores the same with mismatched clips does not use the video.
 */
public final class SyntheticEvaluation {
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final int BATCH = 16;

  /** Which clip each question is asked about. */
  public enum Clips {
    /** The clip the question was written for. */
    OWN,
    /** The next held-out clip's (cyclically): the answer cannot come from the video. */
    MISMATCHED
  }

  /** Means per problem type and overall, in [0, 1]. */
  public record Scores(String label, Map<ProblemType, Metrics> byType, Metrics overall) {}

  /**
   * @param reasoningAccuracy mean task metric of the answer
   * @param perceptionAccuracy fraction of observations the judge found sufficient
   * @param format fraction of responses with the template's processes well formed (both, or think/answer)
   * @param agreement fraction of responses whose think states the answer they give (paper Table 6 asks the same
   *     of multiple choice; the synthetic teacher's think always ends in its answer)
   * @param count items
   */
  public record Metrics(double reasoningAccuracy, double perceptionAccuracy, double format, double agreement, int count) {}

  private final FrameRequest frames;
  private final int maxNewTokens;
  private final Path mediaRoot;
  private final PrintStream log;

  /**
   * @param frames frames and pixel budget per clip, as in training
   * @param maxNewTokens generation limit per answer
   */
  public SyntheticEvaluation(FrameRequest frames, int maxNewTokens, Path mediaRoot, PrintStream log) {
    this.frames = frames;
    this.maxNewTokens = maxNewTokens;
    this.mediaRoot = mediaRoot;
    this.log = log;
  }

  /** @param template the prompt the model is asked with and the template its responses are parsed by */
  public Scores run(String label, Path modelDir, List<Sample> test, Path outDir, Clips clips,
      ResponseTemplate template) {
    Path scoresFile = outDir.resolve("scores.json");
    Scores cached = Files.exists(scoresFile) ? read(scoresFile) : null;
    if (cached != null) {
      return cached;
    }
    CoreRolloutScorer scorer = new CoreRolloutScorer(RewardConfig.defaults().withMode(ScoringMode.CORRECTED)
        .withTemplate(template), RlObjective.paGrpo());
    SyntheticJudge judge = new SyntheticJudge();
    Map<ProblemType, double[]> sums = new EnumMap<>(ProblemType.class);
    List<ObjectNode> predictions = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager();
        HfTextTokenizer tokenizer = HfTextTokenizer.load(modelDir);
        QwenVLModel model = QwenVLModel.load(modelDir, manager, DataType.FLOAT32)) {
      ConversationEncoder encoder = new ConversationEncoder(new ChatTemplate(tokenizer),
          new MediaInputs(new FfmpegFrameSource(), new MediaRoot(mediaRoot), frames), template);
      TemplateSegmentLabeler labeler = TemplateSegmentLabeler.forTokenizer(tokenizer,
          new ResponseParser(template, ParseMode.LENIENT));
      boolean perceives = template.expects(Segment.OBSERVATION);
      Generator generator = new Generator(model, manager, tokenizer.specialTokens().pad());
      GenerationConfig greedy = GenerationConfig.greedy(maxNewTokens, tokenizer.specialTokens().eos());
      for (int from = 0; from < test.size(); from += BATCH) {
        List<Sample> batch = test.subList(from, Math.min(test.size(), from + BATCH));
        List<GenerationPrompt> prompts = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
          RolloutPrompt p = encoder.encodePrompt(batch.get(i));
          List<VisualInputs> visuals = clips == Clips.OWN ? p.visuals()
              : swapped(p, encoder.encodePrompt(test.get((from + i + 1) % test.size())));
          prompts.add(new GenerationPrompt(p.ids(), visuals));
        }
        List<Completion> completions = generator.generate(prompts, 1, greedy);
        for (int i = 0; i < batch.size(); i++) {
          Sample s = batch.get(i);
          Completion c = completions.get(i);
          RolloutSegments segments = labeler.label(new Rollout(c.tokens(), c.logProbs(),
              c.finish() == Completion.FinishReason.STOP));
          Judgement judgement = segments.observation() == null ? null
              : judge.judge(JudgeQuery.of(s, segments.observation()));
          RewardBreakdown r = scorer.score(s, segments, judgement);
          double perception = r.perceptionAccuracy().orElse(0.0);
          double format = (!perceives || r.perceptionFormat() > 0) && r.reasoningFormat() > 0 ? 1 : 0;
          double agrees = thinkStatesAnswer(segments.parsed()) ? 1 : 0;
          double[] acc = sums.computeIfAbsent(s.problemType(), t -> new double[5]);
          acc[0] += r.reasoningAccuracy();
          acc[1] += perception;
          acc[2] += format;
          acc[3] += agrees;
          acc[4]++;
          predictions.add(JSON.createObjectNode().put("problem_id", s.problemId())
              .put("problem_type", s.problemType().wireName()).put("solution", s.solution())
              .put("output", tokenizer.decode(c.tokens(), true)).put("reasoning_accuracy", r.reasoningAccuracy())
              .put("perception_accuracy", perception).put("format", format).put("think_states_answer", agrees > 0));
        }
        log.printf("  %s: %d/%d answered%n", label, Math.min(test.size(), from + BATCH), test.size());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("evaluation of " + modelDir + ": " + e.getMessage(), e);
    }
    Scores scores = summarize(label, sums);
    write(outDir, predictions, scores);
    return scores;
  }

  /** The other prompt's visuals in this prompt's pad slots; both must have the same grids (same pad count). */
  static List<VisualInputs> swapped(RolloutPrompt own, RolloutPrompt other) {
    if (own.visuals().size() != other.visuals().size() || !java.util.stream.IntStream.range(0, own.visuals().size())
        .allMatch(k -> java.util.Arrays.deepEquals(own.visuals().get(k).gridThw(), other.visuals().get(k).gridThw()))) {
      throw new IllegalStateException("cannot swap the clips of samples " + own.sample().problemId() + " and "
          + other.sample().problemId() + ": their vision grids differ");
    }
    return other.visuals();
  }

  /**
   * Whether the response's think concludes with its answer: the answer occurs, on word boundaries, in the think's
   * conclusion (after its last ", so ", else the whole think): "..., so it moves 28 pixels." then 28, not the 10 of
   * an earlier "from x 10"; "2" is not in "2.5".
   */
  static boolean thinkStatesAnswer(ParsedResponse parsed) {
    String think = parsed.think().map(ParsedSegment::content).map(String::strip).orElse("");
    String answer = parsed.answer().map(ParsedSegment::content).map(String::strip).orElse("");
    if (think.isEmpty() || answer.isEmpty()) {
      return false;
    }
    String conclusion = think.substring(think.lastIndexOf(", so ") + 1);
    Pattern stated = Pattern.compile("(?<![\\p{L}\\p{N}]|\\p{N}[.,])" + Pattern.quote(answer)
        + "(?![\\p{L}\\p{N}]|[.,]\\p{N})");
    return stated.matcher(conclusion).find();
  }

  private static Scores summarize(String label, Map<ProblemType, double[]> sums) {
    Map<ProblemType, Metrics> byType = new EnumMap<>(ProblemType.class);
    double[] total = new double[5];
    sums.forEach((type, s) -> {
      byType.put(type, metrics(s));
      for (int k = 0; k < total.length; k++) {
        total[k] += s[k];
      }
    });
    return new Scores(label, byType, metrics(total));
  }

  private static Metrics metrics(double[] sums) {
    double n = sums[4];
    return new Metrics(sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n, (int) n);
  }

  private static void write(Path outDir, List<ObjectNode> predictions, Scores scores) {
    try {
      Files.createDirectories(outDir);
      StringBuilder lines = new StringBuilder();
      for (ObjectNode p : predictions) {
        lines.append(JSON.writeValueAsString(p)).append('\n');
      }
      // predictions first, scores last: scores.json marks a complete evaluation.
      writeAtomically(outDir.resolve("predictions.jsonl"), lines.toString());
      writeAtomically(outDir.resolve("scores.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(scores));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write evaluation results to " + outDir, e);
    }
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
  }

  /** The finished evaluation in {@code file}, or null when it predates the agreement metric (evaluate again). */
  static Scores read(Path file) {
    try {
      if (!JSON.readTree(file.toFile()).path("overall").has("agreement")) {
        return null;
      }
      return JSON.readValue(file.toFile(), Scores.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " (delete it to evaluate again)", e);
    }
  }
}
