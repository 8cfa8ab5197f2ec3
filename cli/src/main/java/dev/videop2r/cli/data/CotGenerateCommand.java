package dev.videop2r.cli.data;

import dev.videop2r.cli.ScoringModeOption;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.cli.FrameOptions;
import dev.videop2r.cli.eval.VideoAs;
import dev.videop2r.cli.OutputDirectory;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.data.FrameSource;
import dev.videop2r.data.MediaRoot;
import dev.videop2r.io.Json;
import dev.videop2r.pipeline.CachedJudge;
import dev.videop2r.pipeline.CotPipeline;
import dev.videop2r.pipeline.ErrorInjection;
import dev.videop2r.pipeline.Journal;
import dev.videop2r.pipeline.Judge;
import dev.videop2r.pipeline.JudgeCache;
import dev.videop2r.pipeline.SyntheticTeacher;
import dev.videop2r.pipeline.Teacher;
import dev.videop2r.pipeline.TemplateVerifier;
import dev.videop2r.remote.OpenAiChatClient;
import dev.videop2r.remote.RemoteTeacher;
import dev.videop2r.video.FfmpegFrameSource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code videop2r cot generate}: generate → verify → judge over a VQA dataset, journaled and resumable; publishes
 * {@code OUT/dataset/}. Without {@code --teacher-url} the embedded synthetic teacher answers from the records'
 * facts (synthetic world only).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Run the three-step CoT pipeline: teacher generates, answer and template are verified, a judge"
        + " checks observation sufficiency. Crash-safe: rerun with --resume after any interruption.")
public final class CotGenerateCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--input", required = true, split = ",", paramLabel = "FILE",
      description = "VQA records: a JSON array (Video-R1-260k), JSON Lines, gzip parts, or a directory of them.")
  List<Path> inputs;

  @Option(names = "--media-root", paramLabel = "DIR",
      description = "Directory record paths are relative to (default: the first input's directory).")
  Path mediaRoot;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Output directory: journal.jsonl, judge-cache.jsonl and the published dataset/.")
  Path out;

  @Option(names = "--resume", description = "Continue the run journaled in --out.")
  boolean resume;

  @Option(names = "--retry-errors", description = "With --resume: run errored samples again.")
  boolean retryErrors;

  @Option(names = "--skip-bad", description = "Skip malformed input records (recorded as errored) instead of failing.")
  boolean skipBad;

  @Option(names = "--concurrency", defaultValue = "16", paramLabel = "N",
      description = "Samples in flight, and the limit of concurrent calls per endpoint (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @ArgGroup(exclusive = false, heading = "Remote teacher (OpenAI-compatible chat completions)%n")
  TeacherEndpoint teacherEndpoint;

  /** The remote teacher's settings; the group is present only when --teacher-url is given. */
  static final class TeacherEndpoint {
    @Option(names = "--teacher-url", required = true, paramLabel = "URL",
        description = "API root of an OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1.")
    String url;

    @Option(names = "--teacher-model", required = true, paramLabel = "MODEL", description = "Teacher model name.")
    String model;

    @Option(names = "--teacher-key-env", defaultValue = "OPENAI_API_KEY", paramLabel = "VAR",
        description = "Environment variable holding the teacher's API key (default: ${DEFAULT-VALUE}).")
    String keyEnv;

    @Option(names = "--temperature", defaultValue = "0", paramLabel = "T",
        description = "Teacher sampling temperature (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--teacher-max-tokens", defaultValue = "1024", paramLabel = "N",
        description = "Token budget of one teacher response (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--teacher-video-as", defaultValue = "video", paramLabel = "video|images",
        description = "How the teacher receives a video's frames: video (default; one vLLM frame-list video_url"
            + " with their fps) or images (image_url parts, for servers without video input).")
    VideoAs videoAs;
  }

  @Option(names = "--omit-fact", defaultValue = "0.10", paramLabel = "P",
      description = "Synthetic teacher: probability of leaving a needed fact out (default: ${DEFAULT-VALUE}).")
  double omitFact;

  @Option(names = "--wrong-answer", defaultValue = "0.10", paramLabel = "P",
      description = "Synthetic teacher: probability of a wrong answer (default: ${DEFAULT-VALUE}).")
  double wrongAnswer;

  @Option(names = "--broken-template", defaultValue = "0.05", paramLabel = "P",
      description = "Synthetic teacher: probability of a broken template (default: ${DEFAULT-VALUE}).")
  double brokenTemplate;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
      description = "Synthetic teacher: seed of the error draws (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin JudgeOptions judge;

  @Option(names = "--judge-cache", paramLabel = "FILE",
      description = "Judgement cache shared by reruns and RL (default: OUT/judge-cache.jsonl).")
  Path judgeCache;

  @Mixin EndpointOptions endpoint;

  /** The frames sent to a --teacher-url teacher (the synthetic teacher reads none). */
  @Mixin FrameOptions frames = FrameOptions.training();

  @Option(names = "--threshold", defaultValue = "0.6", paramLabel = "S",
      description = "Minimum task-metric score of the teacher's answer (default: ${DEFAULT-VALUE}).")
  double threshold;

  // Same default and flag as `rl --scoring-mode`: the filter and the RL reward must agree (method spec §4).
  @Mixin ScoringModeOption scoring;

  @Option(names = "--name", defaultValue = "videop2r-cot", paramLabel = "NAME",
      description = "File-name stem of the published dataset: letters, digits, '.', '_', '-', no path"
          + " (default: ${DEFAULT-VALUE}).")
  String datasetName;

  @Option(names = "--records-per-part", defaultValue = "50000", paramLabel = "N",
      description = "Records per gzip part of the release layout (default: ${DEFAULT-VALUE}).")
  int recordsPerPart;

  @Override
  public Integer call() throws Exception {
    ObjectNode settings = Json.MAPPER.createObjectNode();
    settings.put("threshold", threshold).put("scoring", scoring.mode().wireName());
    Teacher teacher = teacher(settings);
    judge.journal(settings);
    FrameRequest frameRequest = frames.request(FrameRequest.training().minPixels());
    FrameSource frameSource = teacher.needsFrames() ? new FfmpegFrameSource() : null;
    Path root = mediaRoot != null ? mediaRoot : inputs.get(0).toAbsolutePath().getParent();
    OutputDirectory.create(out, "--out");
    Path cacheFile = judgeCache != null ? judgeCache : out.resolve("judge-cache.jsonl");
    // The journal lock first: a second run on this --out stops before it touches the cache.
    try (Journal.Lock lock = Journal.lock(out.resolve(CotPipeline.JOURNAL));
        JudgeCache cache = JudgeCache.open(cacheFile)) {
      Judge cached = new CachedJudge(judge.build(endpoint, concurrency), cache);
      CotPipeline pipeline = new CotPipeline(
          new CotPipeline.Options(concurrency, resume, retryErrors, skipBad, frameRequest, datasetName,
              recordsPerPart),
          teacher, cached, new TemplateVerifier(threshold, scoring.mode()), frameSource, new MediaRoot(root));
      CotPipeline.Result r = pipeline.run(lock, inputs, out, settings, spec.commandLine().getErr(),
          System.console() != null);
      var o = spec.commandLine().getOut();
      o.println(r.summary().render());
      o.println("Kept samples (paper Table 3 layout):");
      o.println(r.published().composition().render());
      o.printf("ran %d of %d samples now; dataset published to %s%n", r.ranNow(), r.total(),
          r.published().directory());
      o.flush();
      long errored = r.summary().count(dev.videop2r.pipeline.Fate.ERRORED);
      if (errored > 0) {
        // A run that published only part of its input must not look like a success to scripts.
        spec.commandLine().getErr().printf("%s: %d of %d samples errored (reasons in fates.jsonl); run them again "
            + "with --resume --retry-errors%n", spec.qualifiedName(" "), errored, r.total());
        spec.commandLine().getErr().flush();
        return 1;
      }
    }
    return 0;
  }

  private Teacher teacher(ObjectNode settings) {
    if (teacherEndpoint == null) {
      ErrorInjection errors = new ErrorInjection(omitFact, wrongAnswer, brokenTemplate, seed);
      settings.put("omit_fact", omitFact).put("wrong_answer", wrongAnswer).put("broken_template", brokenTemplate)
          .put("seed", seed);
      return new SyntheticTeacher(errors);
    }
    TeacherEndpoint t = teacherEndpoint;
    settings.put("teacher_url", EndpointOptions.journaled(t.url)).put("temperature", t.temperature).put("teacher_max_tokens", t.maxTokens)
        .put("frames", frames.frames()).put("max_pixels", frames.maxPixels());
    OpenAiChatClient client = new OpenAiChatClient(t.url, t.model, EndpointOptions.key(t.keyEnv), endpoint.timeout(),
        concurrency, t.videoAs.videoPart());
    return new RemoteTeacher(endpoint.resilient(client, concurrency), t.temperature, t.maxTokens);
  }
}
