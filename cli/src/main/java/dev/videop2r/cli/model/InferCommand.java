package dev.videop2r.cli.model;

import ai.djl.ndarray.NDManager;
import dev.videop2r.cli.FrameOptions;
import dev.videop2r.cli.LocalModelOptions;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.data.ProblemType;
import dev.videop2r.data.SampledFrames;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.model.device.ComputeDevice;
import dev.videop2r.model.generate.Completion;
import dev.videop2r.model.generate.GenerationConfig;
import dev.videop2r.model.generate.GenerationPrompt;
import dev.videop2r.model.generate.Generator;
import dev.videop2r.model.generate.StreamingDecoder;
import dev.videop2r.model.tokenizer.ChatPrompt;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.model.tokenizer.VisionPlaceholder;
import dev.videop2r.template.Prompts;
import dev.videop2r.video.FfmpegFrameSource;
import dev.videop2r.video.FfmpegReader;
import dev.videop2r.video.PreprocessedVisual;
import dev.videop2r.video.QwenPatchifier;
import dev.videop2r.video.RgbFrame;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code videop2r infer}: one question about one video (or image) with a local Qwen2.5-VL checkpoint. Prints the
 * process-aware response (observation, think, answer) token by token as it is generated. Frames are sampled as
 * {@code eval run --model} samples them (qwen-vl-utils rules, Video-R1's evaluation pixel floor, temporal
 * positions from the real sampling rate), so both commands see the same pixels.
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
    description = "Answer a question about a video with a local model, streaming the process-aware response.")
public final class InferCommand implements Callable<Integer> {

  /** Video-R1's evaluation VIDEO_MIN_PIXELS (lowered to --max-pixels when that is smaller), as in eval. */
  private static final int MIN_PIXELS = 128 * 28 * 28;

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = false, multiplicity = "1", heading = "Model:%n")
  LocalModelOptions model;

  @Option(names = "--video", required = true, paramLabel = "FILE", description = "Video (or image) file.")
  Path video;

  @Option(names = "--question", required = true, paramLabel = "TEXT", description = "The question.")
  String question;

  @Option(names = "--problem-type", defaultValue = "free-form", paramLabel = "TYPE",
      description = "multiple choice | numerical | OCR | free-form | regression: picks Video-R1's answer "
          + "instruction (default: ${DEFAULT-VALUE}).")
  String problemType;

  @Option(names = "--option", paramLabel = "TEXT",
      description = "A multiple-choice option such as \"A. red\"; repeat the flag, in order.")
  List<String> options = List.of();

  @Mixin FrameOptions frames = FrameOptions.inference();

  @Option(names = "--max-new-tokens", defaultValue = "1024", paramLabel = "N",
      description = "Most tokens generated (default: ${DEFAULT-VALUE}).")
  int maxNewTokens;

  @Option(names = "--temperature", paramLabel = "T",
      description = "Sample at this temperature; without it, greedy decoding.")
  Double temperature;

  @Option(names = "--top-p", defaultValue = "1.0", paramLabel = "P",
      description = "Nucleus sampling mass, with --temperature (default: ${DEFAULT-VALUE}).")
  double topP;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws IOException {
    validate();
    ComputeDevice device = model.announce(spec.commandLine().getErr());
    ProblemType type = ProblemType.parse(problemType);
    FrameRequest request = frames.request(MIN_PIXELS);
    PreprocessedVisual visual = preprocess(request);
    long[] thw = visual.gridThw()[0];
    VisionPlaceholder placeholder = visual.video()
        ? VisionPlaceholder.video(thw[0], thw[1], thw[2]) : VisionPlaceholder.image(thw[0], thw[1], thw[2]);
    VisualInputs inputs = new VisualInputs(visual.pixelValues(), visual.pixelShape(), visual.gridThw(),
        visual.secondPerGridTs(), visual.video());
    PrintWriter out = spec.commandLine().getOut();
    try (HfTextTokenizer tokenizer = HfTextTokenizer.load(model.model());
         NDManager manager = NDManager.newBaseManager(device.djl());
         QwenVLModel vlm = QwenVLModel.load(model.model(), model.adapter(), manager, model.dataType())) {
      ChatTemplate template = new ChatTemplate(tokenizer, ChatTemplate.DEFAULT_SYSTEM_PROMPT,
          vlm.config().vision().spatialMergeSize());
      ChatPrompt prompt = template.prompt(placeholder, Prompts.processAware(type, question, options));
      long[] stop = tokenizer.specialTokens().eos();
      GenerationConfig config = temperature == null ? GenerationConfig.greedy(maxNewTokens, stop)
          : GenerationConfig.sampling(maxNewTokens, temperature, topP, seed, stop);
      StreamingDecoder stream = new StreamingDecoder(tokenizer);
      Generator generator = new Generator(vlm, vlm.manager(), tokenizer.specialTokens().pad());
      Completion completion = generator.generate(List.of(new GenerationPrompt(prompt.ids(), List.of(inputs))), 1,
          config, (p, r, token, logProb) -> {
            out.print(stream.push(token));
            out.flush();
          }).get(0);
      out.println(stream.flush());
      out.flush();
      if (completion.finish() == Completion.FinishReason.LENGTH) {
        spec.commandLine().getErr().println("infer: stopped at --max-new-tokens " + maxNewTokens
            + " before the end of the response");
      }
    }
    return 0;
  }

  private void validate() {
    Path dir = model.model();
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--model " + dir + " is not a directory");
    }
    for (String required : List.of("config.json", "tokenizer.json")) {
      if (!Files.isRegularFile(dir.resolve(required))) {
        throw new IllegalArgumentException("--model " + dir + " has no " + required);
      }
    }
    if (!Files.isRegularFile(video)) {
      throw new IllegalArgumentException("--video " + video + " does not exist");
    }
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("--max-new-tokens must be >= 1, got " + maxNewTokens);
    }
    if (temperature != null && !(temperature > 0)) {
      throw new IllegalArgumentException("--temperature must be > 0 (omit it for greedy decoding), got " + temperature);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("--top-p must be in (0, 1], got " + topP);
    }
  }

  private PreprocessedVisual preprocess(FrameRequest request) throws IOException {
    SampledFrames sampled = new FfmpegFrameSource().sample(video, request);
    List<RgbFrame> rgb = sampled.images().stream().map(RgbFrame::of).toList();
    if (FfmpegReader.isImage(video)) {
      return QwenPatchifier.image(rgb.getFirst());
    }
    double secondPerGrid = sampled.sampleFps() > 0 ? QwenPatchifier.TEMPORAL_PATCH / sampled.sampleFps() : 1.0;
    return QwenPatchifier.video(rgb, secondPerGrid);
  }
}
