package dev.videop2r.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.data.SampleJson;
import dev.videop2r.testkit.SampleRecords;
import dev.videop2r.testkit.ScriptedChatServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.data.FrameSource;
import dev.videop2r.data.MediaRoot;
import dev.videop2r.data.Sample;
import dev.videop2r.data.SampledFrames;
import dev.videop2r.pipeline.CotPipeline;
import dev.videop2r.pipeline.ErrorInjection;
import dev.videop2r.pipeline.Fate;
import dev.videop2r.pipeline.JudgeQuery;
import dev.videop2r.pipeline.Judgement;
import dev.videop2r.pipeline.SyntheticJudge;
import dev.videop2r.pipeline.SyntheticTeacher;
import dev.videop2r.pipeline.TeacherInput;
import dev.videop2r.pipeline.TemplateVerifier;
import dev.videop2r.testkit.ScriptedChatServer.Reply;
import dev.videop2r.reward.ScoringMode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline over the wire: a remote teacher (OpenAI protocol) that answers like the synthetic teacher,
 * with latency and a few 429s and 500s, and a remote judge (Anthropic protocol) that answers like the synthetic
 * judge. The outcome must equal the embedded run's.
 */
class RemotePipelineTest {

  @TempDir Path dir;

  @Test
  void remoteTeacherAndJudgeGiveTheSameDatasetAsTheEmbeddedOnes() throws Exception {
    List<ObjectNode> records = SampleRecords.records(30);
    List<Sample> samples = records.stream().map(SampleJson::fromJson).toList();
    Path input = SampleRecords.writeArray(dir.resolve("in.json"), records);
    SyntheticTeacher reference = new SyntheticTeacher(new ErrorInjection(0.2, 0.2, 0.1, 5));
    Map<String, Sample> byProblem = samples.stream().collect(Collectors.toMap(Sample::problem, Function.identity()));
    Function<String, Sample> find = text -> byProblem.entrySet().stream()
        .filter(e -> text.startsWith(e.getKey())).findFirst().orElseThrow().getValue();
    SyntheticJudge syntheticJudge = new SyntheticJudge();

    try (ScriptedChatServer teacherServer = ScriptedChatServer.start((path, body) -> {
          Sample s = find.apply(ScriptedChatServer.userText(body));
          return Reply.ok(ScriptedChatServer.openAiCompletion(reference.respond(new TeacherInput(s, "", null))))
              .after(Duration.ofMillis(10));
        });
        ScriptedChatServer judgeServer = ScriptedChatServer.start((path, body) -> {
          String user = ScriptedChatServer.userText(body);
          Sample s = find.apply(user.substring("Question:\n".length()));
          String observation = user.substring(user.indexOf("Observation:\n") + "Observation:\n".length());
          boolean ok = syntheticJudge.judge(new JudgeQuery("q", "a", observation, s.facts())).verdict()
              == Judgement.Verdict.SUFFICIENT;
          return Reply.ok(ScriptedChatServer.anthropicMessage("{\"sufficient\": " + ok + ", \"reason\": \"r\"}"));
        })) {
      teacherServer.enqueue(Reply.status(429, "{}"), Reply.status(500, "{}"));
      RetryPolicy fast = new RetryPolicy(5, Duration.ofMillis(5), Duration.ofMillis(20));
      RemoteTeacher teacher = new RemoteTeacher(new ResilientChatClient(
          new OpenAiChatClient(teacherServer.openAiBaseUrl(), "teacher", "k", Duration.ofSeconds(5), 8), fast,
          new Throttle(8, 0)), 0.0, 1024);
      RemoteJudge judge = new RemoteJudge(new ResilientChatClient(
          AnthropicChatClient.direct(judgeServer.anthropicBaseUrl(), "judge", "k", Duration.ofSeconds(5), 8), fast,
          new Throttle(8, 0)), 256);
      FrameSource frames = (media, request) -> new SampledFrames(
          List.of(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB)), new int[] {0}, 2.0, 2.0);
      CotPipeline.Options options = new CotPipeline.Options(8, false, false, false, FrameRequest.training(), "cot",
          1000);
      CotPipeline.Result remote = new CotPipeline(options, teacher, judge,
          new TemplateVerifier(0.6, ScoringMode.VIDEO_R1), frames, new MediaRoot(dir))
          .run(List.of(input), dir.resolve("remote"), new ObjectMapper().createObjectNode(), null, false);
      CotPipeline.Result embedded = new CotPipeline(options, reference, syntheticJudge,
          new TemplateVerifier(0.6, ScoringMode.VIDEO_R1), null, new MediaRoot(dir))
          .run(List.of(input), dir.resolve("embedded"), new ObjectMapper().createObjectNode(), null, false);

      for (Fate f : Fate.values()) {
        assertEquals(embedded.summary().count(f), remote.summary().count(f), f.name());
      }
      assertEquals(0, remote.summary().count(Fate.ERRORED));
      assertTrue(remote.summary().kept() > 0 && remote.summary().count(Fate.DROPPED_JUDGE) > 0);
      assertEquals(java.nio.file.Files.readString(embedded.published().jsonl()),
          java.nio.file.Files.readString(remote.published().jsonl()));
      // the teacher sees the sampled frames as one video with their rate (vLLM's frame-list video_url)
      assertTrue(teacherServer.received().stream().allMatch(r -> r.body().toString().contains("\"video_url\"")
          && r.body().get("mm_processor_kwargs").get("fps").asDouble() == 2.0));
    }
  }
}
