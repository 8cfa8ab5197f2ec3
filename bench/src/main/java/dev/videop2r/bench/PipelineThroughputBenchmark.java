package dev.videop2r.bench;

import dev.videop2r.data.DatasetReader;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.data.FrameSource;
import dev.videop2r.data.JsonlWriter;
import dev.videop2r.data.MediaRoot;
import dev.videop2r.data.Sample;
import dev.videop2r.data.SampledFrames;
import dev.videop2r.io.Json;
import dev.videop2r.pipeline.CotPipeline;
import dev.videop2r.pipeline.ErrorInjection;
import dev.videop2r.pipeline.Judge;
import dev.videop2r.pipeline.SyntheticJudge;
import dev.videop2r.pipeline.SyntheticTeacher;
import dev.videop2r.pipeline.TeacherInput;
import dev.videop2r.pipeline.TemplateVerifier;
import dev.videop2r.remote.OpenAiChatClient;
import dev.videop2r.remote.RemoteJudge;
import dev.videop2r.remote.RemoteTeacher;
import dev.videop2r.remote.ResilientChatClient;
import dev.videop2r.remote.RetryPolicy;
import dev.videop2r.remote.Throttle;
import dev.videop2r.reward.ScoringMode;
import dev.videop2r.synth.SynthDataset;
import dev.videop2r.synth.SynthKnobs;
import dev.videop2r.testkit.ScriptedChatServer;
import dev.videop2r.testkit.ScriptedChatServer.Reply;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * CoT pipeline throughput against a loopback OpenAI-compatible teacher that answers every request after
 * {@code latencyMs}. One run = {@code samples} samples through generate → verify → judge, journaled and
 * published. With 64 samples in flight and 100 ms per teacher call the bound is 640 samples/s; samples/s =
 * samples / (seconds per run). With {@code judge=remote} the judge is a second 100 ms call per sample (bound 320).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class PipelineThroughputBenchmark {

  @Param({"3200"})
  int samples;

  @Param({"64"})
  int concurrency;

  @Param({"100"})
  int latencyMs;

  @Param({"synthetic"})
  String judge;

  private ScriptedChatServer teacherServer;
  private ScriptedChatServer judgeServer;
  private Path work;
  private Path input;
  private CotPipeline pipeline;
  private Path out;
  private int run;

  @Setup(Level.Trial)
  public void start() throws IOException {
    work = Files.createTempDirectory("pipeline-bench");
    List<Sample> data = syntheticSamples(work, samples);
    input = work.resolve("in.jsonl");
    try (JsonlWriter writer = new JsonlWriter(input)) {
      for (Sample s : data) {
        writer.write(s);
      }
    }
    SyntheticTeacher reference = new SyntheticTeacher(ErrorInjection.defaults(1));
    Map<String, String> replies = new HashMap<>();
    for (Sample s : data) {
      replies.put(clipKey(s.problem()), ScriptedChatServer.openAiCompletion(reference.respond(new TeacherInput(s, "", null))));
    }
    Duration latency = Duration.ofMillis(latencyMs);
    teacherServer = ScriptedChatServer.start((path, body) -> {
      String text = ScriptedChatServer.userText(body);
      return Reply.ok(replies.get(clipKey(text))).after(latency);
    });
    teacherServer.stopRecording();
    RetryPolicy retry = RetryPolicy.defaults();
    RemoteTeacher teacher = new RemoteTeacher(new ResilientChatClient(new OpenAiChatClient(
        teacherServer.openAiBaseUrl(), "teacher", "k", Duration.ofSeconds(30), concurrency), retry,
        new Throttle(concurrency, 0)), 0.0, 1024);
    Judge j = new SyntheticJudge();
    if (judge.equals("remote")) {
      judgeServer = ScriptedChatServer.start((path, body) -> Reply.ok(ScriptedChatServer.openAiCompletion(
          "{\"sufficient\": true, \"reason\": \"ok\"}")).after(latency));
      judgeServer.stopRecording();
      j = new RemoteJudge(new ResilientChatClient(new OpenAiChatClient(judgeServer.openAiBaseUrl(), "judge", "k",
          Duration.ofSeconds(30), concurrency), retry, new Throttle(concurrency, 0)), 256);
    }
    // Frames come from memory so that the benchmark measures the pipeline and the wire, not FFmpeg.
    SampledFrames frame = new SampledFrames(List.of(new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB)),
        new int[] {0}, 2.0, 2.0);
    FrameSource frames = (media, request) -> frame;
    pipeline = new CotPipeline(new CotPipeline.Options(concurrency, false, false, false, FrameRequest.training(),
        "bench", 50_000), teacher, j, new TemplateVerifier(0.6, ScoringMode.VIDEO_R1), frames, new MediaRoot(work));
  }

  /** "Clip 12" of a question (or of a prompt that starts with it). */
  private static String clipKey(String text) {
    return text.substring(0, text.indexOf(':'));
  }

  /**
   * {@code n} records of the synthetic world (no clips written: the frames come from memory), each question
   * prefixed with its index so that the scripted teacher, which keys its replies by question, tells them apart.
   */
  private static List<Sample> syntheticSamples(Path work, int n) throws IOException {
    Path world = work.resolve("world");
    new SynthDataset(SynthKnobs.defaults(), (file, frames, fps) -> {}, Runtime.getRuntime().availableProcessors())
        .generate(world, n, 0, 1);
    List<Sample> out = new ArrayList<>();
    try (DatasetReader reader = DatasetReader.open(world.resolve("train.json"))) {
      while (reader.hasNext()) {
        Sample s = reader.next().sample();
        out.add(new Sample(s.problemId(), "Clip " + out.size() + ": " + s.problem(), s.dataType(), s.problemType(),
            s.options(), s.solution(), s.path(), s.dataSource(), s.facts(), s.rationale(), s.trace()));
      }
    }
    return out;
  }

  @Setup(Level.Iteration)
  public void freshOutput() {
    out = work.resolve("out" + run++);
  }

  @Benchmark
  public long pipelineRun() throws Exception {
    CotPipeline.Result r = pipeline.run(List.of(input), out, Json.MAPPER.createObjectNode(), null, false);
    if (r.ranNow() != samples) {
      throw new IllegalStateException("ran " + r.ranNow() + " of " + samples);
    }
    return r.summary().kept();
  }

  @TearDown(Level.Trial)
  public void stop() {
    teacherServer.close();
    if (judgeServer != null) {
      judgeServer.close();
    }
  }
}
