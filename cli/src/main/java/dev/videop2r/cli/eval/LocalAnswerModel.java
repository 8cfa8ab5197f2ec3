package dev.videop2r.cli.eval;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.evaluation.AnswerModel;
import dev.videop2r.evaluation.AnswerRequest;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.model.device.ComputeDevice;
import dev.videop2r.model.generate.Completion;
import dev.videop2r.model.generate.GenerationConfig;
import dev.videop2r.model.generate.GenerationPrompt;
import dev.videop2r.model.generate.Generator;
import dev.videop2r.model.tokenizer.ChatPrompt;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.model.tokenizer.SpecialTokens;
import dev.videop2r.model.tokenizer.VisionPlaceholder;
import dev.videop2r.video.FfmpegFrameSource;
import dev.videop2r.video.FfmpegReader;
import dev.videop2r.video.PreprocessedVisual;
import dev.videop2r.video.QwenPreprocessor;
import dev.videop2r.video.SampleRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Answers with a local Qwen2.5-VL checkpoint (float32 or float16 weights): the video module's preprocessor samples and patchifies the
 * video (qwen-vl-utils rules), the chat template places it (default system turn, as Video-R1's eval), and the
 * generation module decodes greedily (or samples) until {@code <|im_end|>}, a batch of items at a time. Video
 * temporal positions use the real sampling rate, as Video-R1's eval does (second per grid = 2 / sample fps).
 */
final class LocalAnswerModel implements AnswerModel {

  private final Path dir;
  private final Path adapter;
  private final NDManager manager;
  private final QwenVLModel model;
  private final HfTextTokenizer tokenizer;
  private final ChatTemplate template;
  private final Generator generator;
  private final QwenPreprocessor preprocessor;
  private final GenerationConfig generation;

  private LocalAnswerModel(Path dir, Path adapter, NDManager manager, QwenVLModel model, HfTextTokenizer tokenizer,
      QwenPreprocessor preprocessor, GenerationConfig generation) {
    this.dir = dir;
    this.adapter = adapter;
    this.manager = manager;
    this.model = model;
    this.tokenizer = tokenizer;
    this.template = new ChatTemplate(tokenizer);
    this.generator = new Generator(model, model.manager(), tokenizer.specialTokens().pad());
    this.preprocessor = preprocessor;
    this.generation = generation;
  }

  static LocalAnswerModel open(Path dir, Path adapter, DataType dtype, ComputeDevice device, FrameRequest frames,
      Decoding decoding) {
    for (String required : List.of("config.json", "tokenizer.json")) {
      if (!Files.isRegularFile(dir.resolve(required))) {
        throw new IllegalArgumentException("--model " + dir + " has no " + required);
      }
    }
    NDManager manager = NDManager.newBaseManager(device.djl());
    try {
      QwenVLModel model = QwenVLModel.load(dir, adapter, manager, dtype);
      HfTextTokenizer tokenizer = HfTextTokenizer.load(dir);
      long[] stop = tokenizer.specialTokens().eos();
      GenerationConfig generation = decoding.greedy()
          ? GenerationConfig.greedy(decoding.maxNewTokens(), stop)
          : GenerationConfig.sampling(decoding.maxNewTokens(), decoding.temperature(), decoding.topP(), 0L, stop);
      QwenPreprocessor preprocessor = new QwenPreprocessor(
          new FfmpegReader(), FfmpegFrameSource.config(frames), QwenPreprocessor.TimeScale.SAMPLE_FPS);
      return new LocalAnswerModel(dir, adapter, manager, model, tokenizer, preprocessor, generation);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  @Override
  public String answer(AnswerRequest request) {
    return answerBatch(List.of(request)).get(0);
  }

  /** Decodes the requests together: one left-padded batch through the generator. */
  @Override
  public List<String> answerBatch(List<AnswerRequest> requests) {
    List<GenerationPrompt> prompts = requests.stream().map(this::prompt).toList();
    List<Completion> completions = generator.generate(prompts, 1, generation);
    SpecialTokens special = tokenizer.specialTokens();
    return completions.stream().map(c -> tokenizer.decode(trimStop(c.tokens(), special), true)).toList();
  }

  private GenerationPrompt prompt(AnswerRequest request) {
    VisionPlaceholder placeholder = null;
    List<VisualInputs> visuals = List.of();
    if (request.video().isPresent()) {
      PreprocessedVisual visual = preprocessor.video(request.video().get(), SampleRequest.defaults());
      long[] thw = visual.gridThw()[0];
      placeholder = VisionPlaceholder.video(thw[0], thw[1], thw[2]);
      visuals = List.of(new VisualInputs(visual.pixelValues(), visual.pixelShape(), visual.gridThw(),
          visual.secondPerGridTs(), true));
    }
    ChatPrompt prompt = template.prompt(placeholder, request.prompt());
    return new GenerationPrompt(prompt.ids(), visuals);
  }

  /** Drops the end-of-turn token the generator stops on. */
  private static long[] trimStop(long[] tokens, SpecialTokens special) {
    int n = tokens.length;
    while (n > 0 && special.isEos(tokens[n - 1])) {
      n--;
    }
    return java.util.Arrays.copyOf(tokens, n);
  }

  @Override
  public String describe() {
    return describe(dir, adapter);
  }

  /**
   * The model as run.json records it: the checkpoint, and the LoRA adapter on it when there is one, so that a
   * resumed run with another adapter is refused instead of mixing two models' answers in one journal.
   */
  static String describe(Path dir, Path adapter) {
    String base = "local:" + dir.toAbsolutePath().normalize();
    return adapter == null ? base : base + " adapter:" + adapter.toAbsolutePath().normalize();
  }

  @Override
  public void close() {
    tokenizer.close();
    model.close();
    manager.close();
  }
}
