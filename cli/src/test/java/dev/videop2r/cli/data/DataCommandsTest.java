package dev.videop2r.cli.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.cli.Main;
import dev.videop2r.data.Sample;
import dev.videop2r.data.SampleJson;
import dev.videop2r.pipeline.CotPipeline;
import dev.videop2r.pipeline.Journal;
import dev.videop2r.pipeline.SyntheticTeacher;
import dev.videop2r.pipeline.ErrorInjection;
import dev.videop2r.pipeline.TeacherInput;
import dev.videop2r.testkit.SampleRecords;
import dev.videop2r.testkit.ScriptedChatServer;
import dev.videop2r.testkit.ScriptedChatServer.Reply;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataCommandsTest {

  @TempDir Path dir;

  /** Exit code, stdout and stderr of one in-process run. */
  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void statsPrintsTable3AndNamesMalformedRecords() throws Exception {
    Path input = SampleRecords.writeArray(dir.resolve("in.json"), SampleRecords.records(10));
    Run ok = run("data", "stats", input.toString());
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.out().contains("| Image |"), ok.out());
    assertTrue(ok.out().contains("10 records"), ok.out());

    Path bad = dir.resolve("bad.jsonl");
    Files.write(bad, List.of("{\"problem_id\": 1, \"problem\": \"q\", \"data_type\": \"film\", \"problem_type\": \"OCR\","
        + " \"solution\": \"<answer>a</answer>\", \"path\": \"./x\"}"));
    Run refused = run("data", "stats", input.toString(), bad.toString());
    assertEquals(2, refused.code());
    assertTrue(refused.err().contains("record 11 (bad.jsonl #1): field 'data_type': unknown data_type 'film'"),
        refused.err());
    Run skipped = run("data", "stats", "--skip-bad", input.toString(), bad.toString());
    assertEquals(0, skipped.code());
    assertTrue(skipped.err().contains("skipped record 11"), skipped.err());
    assertTrue(skipped.out().contains("10 records (1 malformed records skipped)"), skipped.out());
  }

  @Test
  void cotGenerateWithTheEmbeddedDefaultsIsResumable() throws Exception {
    Path input = SampleRecords.writeArray(dir.resolve("in.json"), SampleRecords.records(40));
    Path out = dir.resolve("out");
    Run first = run("cot", "generate", "--input", input.toString(), "--out", out.toString(), "--concurrency", "4",
        "--seed", "3");
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().contains("ran 40 of 40 samples now"), first.out());
    assertTrue(Files.exists(out.resolve("dataset/videop2r-cot_part1.json.gz")));
    assertTrue(first.err().contains("samples/s"), first.err());

    Run again = run("cot", "generate", "--input", input.toString(), "--out", out.toString(), "--seed", "3");
    assertEquals(2, again.code());
    assertTrue(again.err().contains("use --resume"), again.err());

    Run resumed = run("cot", "generate", "--input", input.toString(), "--out", out.toString(), "--seed", "3",
        "--resume");
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("ran 0 of 40 samples now"), resumed.out());

    Run otherSeed = run("cot", "generate", "--input", input.toString(), "--out", out.toString(), "--seed", "4",
        "--resume");
    assertEquals(2, otherSeed.code());
    assertTrue(otherSeed.err().contains("seed (was 3, now 4)"), otherSeed.err());
  }

  @Test
  void cotGenerateTakesTheJournalLockBeforeOpeningTheJudgeCache() throws Exception {
    Path input = SampleRecords.writeArray(dir.resolve("in.json"), SampleRecords.records(4));
    Path out = dir.resolve("out");
    try (Journal.Lock held = Journal.lock(out.resolve(CotPipeline.JOURNAL))) {
      Run second = run("cot", "generate", "--input", input.toString(), "--out", out.toString());
      assertEquals(2, second.code(), second.err());
      assertTrue(second.err().contains("another run is using"), second.err());
    }
    assertFalse(Files.exists(out.resolve("judge-cache.jsonl")), "the refused run opened the judge cache");
  }

  @Test
  void cotGenerateRefusesAResumeAgainstAnotherJudgeEndpoint() throws Exception {
    Path input = SampleRecords.writeArray(dir.resolve("in.json"), SampleRecords.records(4));
    Path out = dir.resolve("out");
    try (ScriptedChatServer first = ScriptedChatServer.start((path, body) ->
            Reply.ok(ScriptedChatServer.openAiCompletion("{\"sufficient\": true, \"reason\": \"fine\"}")));
        ScriptedChatServer second = ScriptedChatServer.start((path, body) ->
            Reply.ok(ScriptedChatServer.openAiCompletion("{\"sufficient\": false, \"reason\": \"thin\"}")))) {
      Run r = run("cot", "generate", "--input", input.toString(), "--out", out.toString(), "--judge", "openai",
          "--judge-url", first.openAiBaseUrl(), "--judge-model", "judge-m");
      assertEquals(0, r.code(), r.err());
      Run moved = run("cot", "generate", "--input", input.toString(), "--out", out.toString(), "--judge", "openai",
          "--judge-url", second.openAiBaseUrl(), "--judge-model", "judge-m", "--resume");
      assertEquals(2, moved.code(), moved.err());
      assertTrue(moved.err().contains("judge_url (was"), moved.err());
      assertTrue(second.received().isEmpty(), "the refused resume called the new judge");
    }
  }

  @Test
  void cotGenerateDrivesARemoteTeacherWithFramesAndARemoteJudge() throws Exception {
    List<ObjectNode> records = SampleRecords.records(6);
    for (ObjectNode r : records) {
      long id = r.get("problem_id").asLong();
      r.put("data_type", "image").put("path", "./img/" + id + ".png");
      Files.createDirectories(dir.resolve("media/img"));
      ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png",
          dir.resolve("media/img/" + id + ".png").toFile());
    }
    List<Sample> samples = records.stream().map(SampleJson::fromJson).toList();
    Path input = SampleRecords.writeArray(dir.resolve("in.json"), records);
    SyntheticTeacher reference = new SyntheticTeacher(ErrorInjection.none());
    try (ScriptedChatServer teacher = ScriptedChatServer.start((path, body) -> {
          String text = ScriptedChatServer.userText(body);
          Sample s = samples.stream().filter(x -> text.startsWith(x.problem())).findFirst().orElseThrow();
          return Reply.ok(ScriptedChatServer.openAiCompletion(reference.respond(new TeacherInput(s, "", null))));
        });
        ScriptedChatServer judge = ScriptedChatServer.start((path, body) ->
            Reply.ok(ScriptedChatServer.openAiCompletion("{\"sufficient\": true, \"reason\": \"fine\"}")))) {
      teacher.enqueue(Reply.status(503, "{}"));
      Run r = run("cot", "generate", "--input", input.toString(), "--media-root", dir.resolve("media").toString(),
          "--out", dir.resolve("out").toString(), "--teacher-url", teacher.openAiBaseUrl(), "--teacher-model",
          "qwen-vl", "--judge", "openai", "--judge-url", judge.openAiBaseUrl(), "--judge-model", "judge-m",
          "--concurrency", "3", "--max-attempts", "3");
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("ran 6 of 6"), r.out());
      String fates = Files.readString(dir.resolve("out/dataset/fates.jsonl"));
      assertEquals(6, fates.lines().filter(l -> l.contains("\"fate\":\"kept\"")).count(), fates);
      assertTrue(teacher.received().stream().skip(1)
          .allMatch(q -> q.body().toString().contains("data:image/jpeg;base64,")), "an image sample goes as an image");
      assertEquals(6, judge.received().size());
    }
  }

  @Test
  void aDeadTeacherKeyStopsTheRunAndNothingWrittenHoldsTheEchoedKey() throws Exception {
    String echoedKey = "sk-proj-abcdefghijklmnop1234";
    List<ObjectNode> records = SampleRecords.records(12);
    Files.createDirectories(dir.resolve("dead-key-media"));
    for (ObjectNode r : records) {
      long id = r.get("problem_id").asLong();
      r.put("data_type", "image").put("path", id + ".png");
      ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), "png",
          dir.resolve("dead-key-media/" + id + ".png").toFile());
    }
    Path input = SampleRecords.writeArray(dir.resolve("dead-key.json"), records);
    Path out = dir.resolve("dead-key");
    try (ScriptedChatServer teacher = ScriptedChatServer.start((path, body) -> Reply.status(401,
        "{\"error\": {\"message\": \"invalid key, Authorization: Bearer " + echoedKey + "\"}}"))) {
      Run r = run("cot", "generate", "--input", input.toString(), "--media-root",
          dir.resolve("dead-key-media").toString(), "--out", out.toString(), "--teacher-url", teacher.openAiBaseUrl(), "--teacher-model", "qwen-vl",
          "--concurrency", "1");
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains("rejected the credentials 3 times in a row (HTTP 401)"), r.err());
      assertEquals(1, r.err().lines().filter(l -> l.contains("error:")).count(), r.err());
      assertTrue(r.err().strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("videop2r cot generate: error:"),
          r.err());
      assertTrue(teacher.received().size() <= 4, "stopped early: " + teacher.received().size() + " calls");
      try (var files = Files.walk(out)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          assertTrue(!Files.readString(f).contains("abcdefghijklmnop"), f + " holds the echoed key");
        }
      }
    }
  }

  @Test
  void judgeAgreeReportsAccuracy() throws Exception {
    Path labels = dir.resolve("labels.jsonl");
    Files.write(labels, List.of(
        "{\"question\":\"q\",\"ground_truth\":\"A\",\"observation\":\"The red ball moves.\",\"sufficient\":true,"
            + "\"facts\":[\"the red ball moves\"]}",
        "{\"question\":\"q\",\"ground_truth\":\"A\",\"observation\":\"Nothing.\",\"sufficient\":true,"
            + "\"facts\":[\"the red ball moves\"]}"));
    Run r = run("judge", "agree", "--labels", labels.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("judge synthetic") && r.out().contains("judge accuracy 0.5000 (1/2)"), r.out());
  }
}
