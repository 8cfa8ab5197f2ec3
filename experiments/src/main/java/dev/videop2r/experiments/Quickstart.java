package dev.videop2r.experiments;

import dev.videop2r.evaluation.SyntheticEvaluation;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.data.DatasetReader;
import dev.videop2r.data.DatasetRecord;
import dev.videop2r.data.MediaRoot;
import dev.videop2r.io.AtomicFiles;
import dev.videop2r.data.Sample;
import dev.videop2r.io.Json;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.generate.Generator;
import dev.videop2r.model.tokenizer.ChatPrompt;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.model.tokenizer.WordLevelTokenizerBuilder;
import dev.videop2r.pipeline.CachedJudge;
import dev.videop2r.pipeline.CotPipeline;
import dev.videop2r.pipeline.JudgeCache;
import dev.videop2r.pipeline.SyntheticJudge;
import dev.videop2r.pipeline.SyntheticTeacher;
import dev.videop2r.pipeline.TemplateVerifier;
import dev.videop2r.reward.LengthWindow;
import dev.videop2r.reward.RewardConfig;
import dev.videop2r.reward.ScoringMode;
import dev.videop2r.synth.SynthDataset;
import dev.videop2r.synth.Scene;
import dev.videop2r.synth.SceneCaption;
import dev.videop2r.synth.SynthWorld;
import dev.videop2r.synth.TokenLabels;
import dev.videop2r.template.Prompts;
import dev.videop2r.spec.Specs;
import dev.videop2r.template.ResponseParser;
import dev.videop2r.template.ResponseTemplate;
import dev.videop2r.training.MediaInputs;
import dev.videop2r.training.ConversationEncoder;
import dev.videop2r.training.RunInputs;
import dev.videop2r.training.SftEncoder;
import dev.videop2r.training.SftExample;
import dev.videop2r.training.TrainingInputs;
import dev.videop2r.training.WeightType;
import dev.videop2r.training.loop.CheckpointStore;
import dev.videop2r.training.optim.LearningRateSchedule;
import dev.videop2r.training.optim.OptimizerConfig;
import dev.videop2r.training.pretrain.VisionPretrainSpec;
import dev.videop2r.training.pretrain.VisionPretrainer;
import dev.videop2r.training.rl.RlRun;
import dev.videop2r.training.rl.RlSpec;
import dev.videop2r.training.rl.RolloutEngine;
import dev.videop2r.training.sft.SftRun;
import dev.videop2r.training.sft.SftSpec;
import dev.videop2r.video.FfmpegFrameSource;
import dev.videop2r.video.Mp4ClipSink;
import dev.videop2r.video.QwenPatchifier;
import dev.videop2r.video.QwenPreprocessor;
import dev.videop2r.data.FrameRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole paper end to end on the embedded defaults: synthetic world → three-step CoT pipeline (synthetic
 * teacher and judge) → a tiny Qwen2.5-VL with a word-level tokenizer → SFT → PA-GRPO (or another Table 2
 * variant) → evaluation on the held-out clips. Every stage writes into its own directory under {@code out} and is
 * skipped when its output is complete, so an interrupted run continues where it stopped.
 */
public final class Quickstart {
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final String DONE = ".done";
  private static final String PROBE = "probe.txt";

  /** The world's two splits, read back as typed samples. */
  public record World(Path dir, List<Sample> train, List<Sample> test) {}

  /** What the CoT pipeline kept, and its fate table. */
  public record CotData(List<Sample> kept, Path keptFile, long in, String fateTable) {}

  private final QuickstartSettings settings;
  private final Path out;
  private final PrintStream log;
  /** The training clips' scene graphs, regenerated once per run by {@link #scenes}. */
  private List<Scene> trainScenes;

  public Quickstart(QuickstartSettings settings, Path out, PrintStream log) {
    this.settings = settings;
    this.out = out;
    this.log = log;
  }

  public QuickstartSettings settings() {
    return settings;
  }

  public Path out() {
    return out;
  }

  /** Stage 1: the synthetic world (H.264 clips, Video-R1 records with facts and rationales). */
  public World world() {
    Path dir = out.resolve("world");
    if (!Files.exists(dir.resolve(DONE))) {
      stage("synthetic world: %d train + %d test clips", settings.trainClips(), settings.testClips());
      new SynthDataset(settings.world(), new Mp4ClipSink(), Runtime.getRuntime().availableProcessors())
          .generate(dir, settings.trainClips(), settings.testClips(), settings.seed());
      markDone(dir);
    }
    return new World(dir, read(dir.resolve("train.json")), read(dir.resolve("test.json")));
  }

  /** Stage 2: generate → verify → judge, with the synthetic teacher (with injected errors) and judge. */
  public CotData cot(World world) {
    Path dir = out.resolve("cot");
    stage("three-step CoT pipeline on %d samples", world.train().size());
    boolean resume = Files.exists(dir.resolve(CotPipeline.JOURNAL));
    CotPipeline.Options options = new CotPipeline.Options(2, resume, false, false, settings.frames(),
        "videop2r-cot", 50_000);
    CotPipeline pipeline = new CotPipeline(options, new SyntheticTeacher(settings.teacherErrors()),
        new SyntheticJudge(), new TemplateVerifier(0.6, ScoringMode.CORRECTED), null, new MediaRoot(world.dir()));
    ObjectNode runSettings = JSON.createObjectNode().put("seed", settings.seed())
        .put("teacher_errors", settings.teacherErrors().toString());
    try {
      CotPipeline.Result r = pipeline.run(List.of(world.dir().resolve("train.json")), dir, runSettings,
          new PrintWriter(System.err, true), System.console() != null);
      return new CotData(read(r.published().jsonl()), r.published().jsonl(), r.total(), r.summary().render());
    } catch (IOException e) {
      throw new UncheckedIOException("CoT pipeline in " + dir + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("CoT pipeline interrupted", e);
    }
  }

  /**
   * Stage 3: the untrained model: a word-level tokenizer over the world's closed vocabulary (with Qwen's special
   * tokens) and random Qwen2.5-VL weights, saved in HF layout.
   */
  public Path baseModel(World world, CotData cot) {
    Path dir = out.resolve("base");
    if (Files.exists(dir.resolve(DONE))) {
      return dir;
    }
    stage("tiny Qwen2.5-VL: word-level tokenizer and random weights");
    WordLevelTokenizerBuilder vocab = new WordLevelTokenizerBuilder();
    vocab.addText(SceneCaption.PROMPT);
    for (Scene scene : scenes(world)) {
      vocab.addText(SceneCaption.of(scene));
    }
    for (List<Sample> split : List.of(world.train(), world.test(), cot.kept())) {
      for (Sample s : split) {
        vocab.addText(Prompts.processAware(s.problemType(), s.problem(), s.options()));
        vocab.addText(s.solution());
        vocab.addTexts(s.facts());
        if (s.rationale() != null) {
          vocab.addText(s.rationale());
        }
        if (s.trace() != null && s.trace().output() != null) {
          vocab.addText(s.trace().output());
        }
      }
    }
    try {
      Files.createDirectories(dir);
      Map<String, Integer> ids = vocab.write(dir.resolve("tokenizer.json"));
      try (NDManager manager = NDManager.newBaseManager();
          QwenVLModel model = QwenVLModel.init(settings.model().config(ids), settings.seed(), manager)) {
        model.save(dir);
      }
      log.printf("  vocabulary %d tokens; weights in %s%n", ids.size(), dir);
      markDone(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the base model to " + dir, e);
    }
  }

  /**
   * Stages 3 to 5: the untrained model, then the stand-ins for Qwen2.5-VL's pretraining (vision pretraining,
   * caption alignment); returns the model SFT and "RL only" start from.
   */
  public Path pretrained(World world, CotData cot) {
    return captionAlignment(visionPretraining(baseModel(world, cot), world), world);
  }

  /**
   * Stage 4: the vision tower and merger trained on what each merged token shows (the scene graph's colour,
   * shape, motion, position and word labels), standing in for the pretrained ViT of a real Qwen2.5-VL; returns
   * {@code base} itself when the stage is off.
   */
  public Path visionPretraining(Path base, World world) {
    // The quickstart's one seed seeds every stage.
    VisionPretrainSpec spec = settings.pretraining().vision().with(Map.of("seed", settings.seed()));
    Path dir = out.resolve("vision");
    if (!spec.enabled()) {
      return base;
    }
    if (!Files.exists(dir.resolve(DONE))) {
      stage("vision pretraining: %d steps x %d clips on per-token scene labels", spec.steps(), spec.batchClips());
      List<Scene> scenes = scenes(world);
      MediaInputs media = media(world);
      int[] classes = Arrays.stream(TokenLabels.Head.values()).mapToInt(TokenLabels.Head::classes).toArray();
      try (NDManager manager = NDManager.newBaseManager();
          QwenVLModel model = QwenVLModel.load(base, manager, DataType.FLOAT32)) {
        VisionPretrainer.Result r = new VisionPretrainer(model, classes, spec)
            .train(scenes.size(), index -> labelled(media, world.train().get(index), scenes.get(index)), System.err);
        StringBuilder accuracy = new StringBuilder();
        for (TokenLabels.Head head : TokenLabels.Head.values()) {
          accuracy.append(String.format(Locale.ROOT, " %s %.0f%%", head.name().toLowerCase(Locale.ROOT),
              100 * r.labelledAccuracy()[head.ordinal()]));
        }
        log.printf("  token probe accuracy where something is shown (last tenth of the steps):%s%n", accuracy);
        Files.createDirectories(dir);
        Specs.writeYaml(spec, dir.resolve("config.yaml"));
        Files.writeString(dir.resolve(PROBE), accuracy.toString().strip());
        saveModel(model, base, dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + dir, e);
      }
    }
    return dir;
  }

  /**
   * Stage 5: caption alignment: the decoder learns to describe each training clip from the fixed prompt
   * {@link SceneCaption#PROMPT} (vision frozen when configured). No question text is there to copy from, so the
   * loss falls only as the decoder learns to read the video tokens; returns {@code start} when the stage is off.
   */
  public Path captionAlignment(Path start, World world) {
    QuickstartSettings.Pretraining p = settings.pretraining();
    if (!p.vision().enabled() || p.captionEpochs() == 0) {
      return start;
    }
    SftRun.Hooks captions = new SftRun.Hooks() {
      @Override
      public SftEncoder encoder(HfTextTokenizer tokenizer, TrainingInputs inputs) {
        return captionEncoder(tokenizer, inputs.media(), world);
      }
    };
    return supervisedStage("caption", start, world.dir().resolve("train.json"), world, p.captionEpochs(),
        p.captionLearningRate(), p.freezeVision(), captions, "caption alignment: %d clips, %.0f epochs, vision %s", world.train().size(), p.captionEpochs(),
        p.freezeVision() ? "frozen" : "trained");
  }

  /** Each training clip with its {@link SceneCaption} as the response to {@link SceneCaption#PROMPT}. */
  private SftEncoder captionEncoder(HfTextTokenizer tokenizer, MediaInputs media, World world) {
    List<Scene> scenes = scenes(world);
    Map<Long, String> captions = new HashMap<>();
    for (int i = 0; i < scenes.size(); i++) {
      captions.put(world.train().get(i).problemId(), SceneCaption.of(scenes.get(i)));
    }
    ChatTemplate template = new ChatTemplate(tokenizer);
    return sample -> {
      MediaInputs.Encoded encoded = media.encode(sample);
      ChatPrompt chat = template.conversation(encoded.placeholder(), SceneCaption.PROMPT,
          captions.get(sample.problemId()));
      boolean[] target = new boolean[chat.length()];
      Arrays.fill(target, chat.responseStart(), chat.responseEnd(), true);
      return new SftExample(chat.ids(), target, List.of(encoded.visual()));
    };
  }

  /** The vision stage's per-head probe accuracy as it logged it ("colour 100% shape 54% ..."); empty if not run. */
  public String visionProbeAccuracy() {
    Path file = out.resolve("vision").resolve(PROBE);
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** AdamW with 5 warm-up steps and cosine decay from {@code peak}, checkpoints every 50 steps: SFT-style stages. */
  private OptimizerConfig cosine(double peak) {
    return new OptimizerConfig(peak, LearningRateSchedule.Kind.COSINE, 5, 0.0, 0.9, 0.999, 1e-8, 1.0, settings.seed(),
        50, 1);
  }

  /** The training clips' scene graphs, regenerated from the seed and checked against the records on disk. */
  private List<Scene> scenes(World world) {
    if (trainScenes != null) {
      return trainScenes;
    }
    SynthDataset synth = new SynthDataset(settings.world(), (file, frames, fps) -> {
      throw new IllegalStateException("regenerating scenes writes no clips");
    }, 1);
    List<Scene> scenes = new ArrayList<>();
    for (int i = 0; i < world.train().size(); i++) {
      Sample sample = world.train().get(i);
      SynthWorld.Generated generated = synth.trainSample(i, settings.seed());
      if (!generated.sample().path().equals(sample.path()) || !generated.sample().problem().equals(sample.problem())) {
        throw new IllegalStateException("training record " + i + " (" + sample.path() + ") is not the scene seed "
            + settings.seed() + " generates; was " + world.dir() + " made with other settings?");
      }
      scenes.add(generated.scene());
    }
    trainScenes = List.copyOf(scenes);
    return trainScenes;
  }

  private static VisionPretrainer.LabelledClip labelled(MediaInputs media, Sample sample, Scene scene)
      throws IOException {
    MediaInputs.Encoded encoded = media.encode(sample);
    long[] grid = encoded.visual().gridThw()[0];
    TokenLabels.Geometry geometry = TokenLabels.Geometry.qwen((int) grid[2] * QwenPatchifier.PATCH,
        (int) grid[1] * QwenPatchifier.PATCH);
    return new VisionPretrainer.LabelledClip(encoded.visual(), TokenLabels.of(scene, encoded.frameIndices(),
        geometry));
  }

  /** Stage 6: SFT on the kept CoT samples; returns the trained model's directory. */
  public Path sft(Path baseModel, World world, CotData cot) {
    return sft(baseModel, world, cot, ResponseTemplate.PROCESS_AWARE);
  }

  /**
   * Stage 6 on a template: process-aware SFT, or process-agnostic SFT ({@code THINK_ANSWER}, in {@code sft-agnostic}):
   * the same kept samples and settings, each response without its observation, asked with Video-R1's prompt.
   */
  public Path sft(Path baseModel, World world, CotData cot, ResponseTemplate template) {
    boolean agnostic = template == ResponseTemplate.THINK_ANSWER;
    SftRun.Hooks hooks = !agnostic ? SftRun.Hooks.NONE : new SftRun.Hooks() {
      @Override
      public SftEncoder encoder(HfTextTokenizer tokenizer, TrainingInputs inputs) {
        return new ConversationEncoder(new ChatTemplate(tokenizer), inputs.media(), template);
      }
    };
    return supervisedStage(agnostic ? "sft-agnostic" : "sft", baseModel, cot.keptFile(), world, settings.sftEpochs(),
        settings.sftLearningRate(), settings.pretraining().vision().enabled() && settings.pretraining().freezeVision(),
        hooks, "%sSFT on %d CoT samples, %.0f epochs", agnostic ? "process-agnostic (observation removed) " : "",
        cot.kept().size(), settings.sftEpochs());
  }

  /**
   * One supervised stage (caption alignment, SFT): cosine-scheduled SFT from {@code start} on the records of
   * {@code data}, encoded as {@code hooks} say, saved to {@code <name>/model} with its loss plot; skipped when that model is
   * complete, resumed from its checkpoint when one was written, started afresh otherwise (a kill before the first
   * checkpoint).
   */
  private Path supervisedStage(String name, Path start, Path data, World world, double epochs, double learningRate,
      boolean freezeVision, SftRun.Hooks hooks, String title, Object... titleArgs) {
    Path dir = out.resolve(name);
    Path model = dir.resolve("model");
    if (Files.exists(model.resolve(DONE))) {
      return model;
    }
    stage(title, titleArgs);
    SftSpec config = new SftSpec(inputs(start, data, world), cosine(learningRate), settings.sftBatch(), 1, epochs, 0,
        true, freezeVision, false);
    try (SftRun run = SftRun.open(config, dir, hooks)) {
      run.train(CheckpointStore.holdsCheckpoint(dir), System.err);
      run.curves();
      saveModel(run.policy(), start, model);
    }
    return model;
  }

  /**
   * Stage 7: RL on every training prompt from {@code start} (the SFT model, or the base model for RL only), with
   * the variant's algorithm and ablations; the frozen KL reference is {@code start}.
   */
  public Path rl(RlVariant variant, Path start, World world, CotData cot) {
    Path dir = out.resolve("rl").resolve(variant.directory());
    Path model = dir.resolve("model");
    if (Files.exists(model.resolve(DONE))) {
      return model;
    }
    stage("%s: %d steps x %d prompts x %d rollouts", variant.name(), settings.rlSteps(), settings.rlPrompts(),
        settings.rlGroup());
    OptimizerConfig optimizer = new OptimizerConfig(settings.rlLearningRate(), LearningRateSchedule.Kind.CONSTANT,
        0, 0.0, 0.9, 0.999, 1e-8, 1.0, settings.seed(), 10, 1);
    RewardConfig rewards;
    try (HfTextTokenizer tokenizer = HfTextTokenizer.load(start)) {
      rewards = rewardWindows(cot, tokenizer);
    }
    RlSpec config = RlSpec.defaults().with(Map.ofEntries(
        Map.entry("inputs", inputs(start, world.dir().resolve("train.json"), world)),
        Map.entry("optimizer", optimizer), Map.entry("reward", rewards),
        Map.entry("steps", settings.rlSteps()), Map.entry("promptsPerStep", settings.rlPrompts()),
        Map.entry("groupSize", settings.rlGroup()),
        Map.entry("sampling", new RolloutEngine.Sampling(settings.rlTemperature(), settings.rlTopP(),
            settings.maxNewTokens())),
        Map.entry("beta", settings.beta()), Map.entry("microBatch", settings.rlPrompts() * settings.rlGroup()),
        Map.entry("judge.concurrency", 4), Map.entry("judge.cache", out.resolve("judge-cache.jsonl"))))
        .with(variant.objective());
    try (RlRun run = RlRun.open(config, dir, judge -> new SyntheticJudge())) {
      run.train(CheckpointStore.holdsCheckpoint(dir), System.err);
      run.curves();
      saveModel(run.policy(), start, model);
    }
    return model;
  }

  /** What a training stage from {@code start} on {@code data} reads, as its spec records it. */
  private RunInputs inputs(Path start, Path data, World world) {
    FrameRequest f = settings.frames();
    return new RunInputs(start, List.of(data), world.dir(), f.maxFrames(), f.fps(), f.minPixels(), f.maxPixels(),
        QwenPreprocessor.TimeScale.SAMPLE_FPS, WeightType.FLOAT32, "cpu");
  }

  /** Stage 8: greedy answers on the held-out clips, scored per problem type. */
  public SyntheticEvaluation.Scores evaluate(String label, Path model, World world) {
    return evaluate(label, model, world, SyntheticEvaluation.Clips.OWN, ResponseTemplate.PROCESS_AWARE);
  }

  /** Stage 8 with a choice of clips: {@code MISMATCHED} is the blind control (each question about another clip). */
  public SyntheticEvaluation.Scores evaluate(String label, Path model, World world, SyntheticEvaluation.Clips clips) {
    return evaluate(label, model, world, clips, ResponseTemplate.PROCESS_AWARE);
  }

  /** Stage 8 asked with {@code template}'s prompt (a process-agnostic model is asked as it was trained). */
  public SyntheticEvaluation.Scores evaluate(String label, Path model, World world, SyntheticEvaluation.Clips clips,
      ResponseTemplate template) {
    Path dir = out.resolve("eval").resolve(label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
    stage("evaluate %s on %d held-out clips", label, world.test().size());
    return new SyntheticEvaluation(settings.frames(), settings.maxNewTokens(), world.dir(), log).run(label, model,
        world.test(), dir, clips, template);
  }

  /**
   * The length-reward windows, scaled to the synthetic world: the paper's perception window [128, 320] tokens
   * fits real observations; here each window spans the teacher's own segment lengths in the kept CoT set
   * (tokenized as the policy sees them), so a rollout earns ω when it is as thorough as the teacher.
   */
  RewardConfig rewardWindows(CotData cot, HfTextTokenizer tokenizer) {
    int[] perception = new int[cot.kept().size()];
    int[] reasoning = new int[cot.kept().size()];
    for (int i = 0; i < perception.length; i++) {
      var trace = cot.kept().get(i).trace();
      perception[i] = tokenizer.encode(trace.observation()).ids().length;
      reasoning[i] = tokenizer.encode(trace.output()).ids().length - perception[i] + 1;
    }
    Arrays.sort(perception);
    Arrays.sort(reasoning);
    return RewardConfig.defaults().withMode(ScoringMode.CORRECTED).withWindows(
        new LengthWindow(perception[0], perception[perception.length - 1]),
        new LengthWindow(reasoning[0], reasoning[reasoning.length - 1]));
  }

  private MediaInputs media(World world) {
    return new MediaInputs(new FfmpegFrameSource(), new MediaRoot(world.dir()), settings.frames());
  }

  /** Saves weights plus the tokenizer of {@code tokenizerFrom}, then marks the directory complete. */
  private static void saveModel(QwenVLModel model, Path tokenizerFrom, Path dir) {
    model.save(dir);
    try {
      Files.copy(tokenizerFrom.resolve("tokenizer.json"), dir.resolve("tokenizer.json"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the tokenizer into " + dir, e);
    }
    markDone(dir);
  }

  private static List<Sample> read(Path file) {
    List<Sample> samples = new ArrayList<>();
    try (DatasetReader reader = DatasetReader.open(file)) {
      while (reader.hasNext()) {
        DatasetRecord r = reader.next();
        if (!r.ok()) {
          throw new IllegalStateException(r.where() + ": " + r.error());
        }
        samples.add(r.sample());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return samples;
  }

  /** Marks a stage complete once everything it wrote is on disk, so a power cut cannot leave a marked torso. */
  private static void markDone(Path dir) {
    try {
      AtomicFiles.syncTree(dir);
      AtomicFiles.write(dir.resolve(DONE), new byte[0]);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(DONE), e);
    }
  }

  private void stage(String format, Object... args) {
    log.printf("[quickstart] " + format + "%n", args);
  }
}
