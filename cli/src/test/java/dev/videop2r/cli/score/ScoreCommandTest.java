package dev.videop2r.cli.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.cli.Main;
import dev.videop2r.testkit.ForcedPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScoreCommandTest {

  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private List<JsonNode> readOutput(Path file) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      nodes.add(json.readTree(line));
    }
    return nodes;
  }

  @Test
  void scoresGoodRecordsAndReportsBadOnesInPlace() throws IOException {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, String.join("\n",
        "{\"id\":1,\"problem_type\":\"multiple choice\",\"options\":[\"A. x\",\"B. y\"],\"solution\":\"<answer>B</answer>\","
            + "\"completion\":\"<observation>y</observation><think>t</think><answer>B</answer>\"}",
        "not json",
        "",
        "[1,2]",
        "{\"id\":4,\"problem_type\":\"essay\",\"answer\":\"x\",\"completion\":\"c\"}",
        "{\"id\":5,\"problem_type\":\"numerical\",\"answer\":\"3\"}",
        "{\"id\":6,\"problem_type\":\"numerical\",\"answer\":3,\"completion\":\"<think>t</think><answer>3.0</answer>\"}"));
    Path outFile = dir.resolve("sub/out.jsonl");
    assertEquals(0, run("score", "--input", in.toString(), "--output", outFile.toString()));

    List<JsonNode> lines = readOutput(outFile);
    assertEquals(6, lines.size(), "one output line per non-blank input line");
    JsonNode first = lines.get(0);
    assertEquals(1, first.get("id").asInt());
    assertEquals("B", first.get("answer").asText());
    assertEquals(1.0, first.get("reasoning_accuracy").asDouble());
    assertEquals(1.0, first.get("perception_format").asDouble());
    assertEquals("y", first.get("observation").asText());
    assertEquals(0, first.get("parse_errors").size());
    assertFalse(first.has("error"));

    assertTrue(lines.get(1).get("error").asText().endsWith(":2: not JSON (Unrecognized token 'not': was "
        + "expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false'))"),
        lines.get(1).toString());
    assertEquals("not json", lines.get(1).get("raw").asText());
    assertTrue(lines.get(2).get("error").asText().endsWith(":4: expected a JSON object"));
    assertTrue(lines.get(3).get("error").asText().contains(":5: unknown problem_type 'essay'"));
    assertEquals(4, lines.get(3).get("id").asInt(), "the failed record is kept");
    assertTrue(lines.get(4).get("error").asText().endsWith(":6: missing field 'completion'"));

    JsonNode last = lines.get(5);
    assertEquals("3.0", last.get("answer").asText());
    assertEquals(1.0, last.get("reasoning_accuracy").asDouble(), "corrected: 3.0 equals 3");
    assertEquals(List.of("missing observation"), List.of(last.get("parse_errors").get(0).asText()));

    String summary = out.toString().replaceAll(" +", " ");
    assertTrue(summary.contains("\nerrors 4\n"), summary);
    assertTrue(summary.contains("\nnumerical 1 1.0000 0.0000 1.0000\n"), summary);
    assertTrue(summary.contains("\nall 2 1.0000 0.5000 1.0000\n"), summary);
    assertTrue(summary.contains("(1 blank lines skipped)"), summary);
  }

  @Test
  void videoR1ModeScoresWhatVideoR1CannotReadAsZeroAndCorrectedModeRefusesIt() throws IOException {
    // Issue 19 §6: Video-R1 compares problem_type with == and reads the ground truth with its answer regex; a
    // record it scores 0.0 must score 0.0 here, not fail. Corrected mode stays strict.
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, String.join("\n",
        "{\"id\":1,\"problem_type\":\"Multiple Choice\",\"solution\":\"<answer>A</answer>\","
            + "\"completion\":\"<answer>A</answer>\"}",
        "{\"id\":2,\"problem_type\":\"\",\"solution\":\"<answer>A</answer>\",\"completion\":\"<answer>A</answer>\"}",
        "{\"id\":3,\"problem_type\":\"multiple choice\",\"solution\":\"A\",\"completion\":\"<answer>A</answer>\"}",
        "{\"id\":4,\"problem_type\":\"multiple choice\",\"solution\":7,\"completion\":\"<answer>7</answer>\"}",
        "{\"id\":5,\"problem_type\":\"multiple choice\",\"solution\":\"<answer>A</answer>\","
            + "\"completion\":\"<think>t</think><answer>A</answer>\"}"));
    Path video = dir.resolve("video-r1.jsonl");
    assertEquals(0, run("score", "--input", in.toString(), "--output", video.toString(), "--mode", "video-r1"));
    List<JsonNode> scored = readOutput(video);
    for (int i = 0; i < 4; i++) {
      assertFalse(scored.get(i).has("error"), scored.get(i).toString());
      assertEquals(0.0, scored.get(i).get("reasoning_accuracy").asDouble(), scored.get(i).toString());
    }
    assertEquals("", scored.get(2).get("ground_truth").asText(), "no answer tags: Video-R1 reads \"\"");
    assertEquals(1.0, scored.get(4).get("reasoning_accuracy").asDouble());
    assertTrue(out.toString().contains("(unknown type)"), out.toString());

    Path corrected = dir.resolve("corrected.jsonl");
    assertEquals(0, run("score", "--input", in.toString(), "--output", corrected.toString()));
    List<JsonNode> strict = readOutput(corrected);
    assertEquals(1.0, strict.get(0).get("reasoning_accuracy").asDouble(), "corrected reads the type case-blind");
    assertTrue(strict.get(1).get("error").asText().contains("unknown problem_type ''"), strict.get(1).toString());
    assertEquals(1.0, strict.get(2).get("reasoning_accuracy").asDouble(), "corrected uses a bare solution whole");
  }

  @Test
  void theOutputIsSyncedBeforeItsRenameAndItsDirectoryAfter() throws Exception {
    assumeTrue(ForcedPaths.available(), "this JDK does not record fsyncs");
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"id\":1,\"problem_type\":\"numerical\",\"answer\":3,"
        + "\"completion\":\"<think>t</think><answer>3</answer>\"}\n");
    Path outDir = dir.resolve("scored").toAbsolutePath().normalize();
    List<Path> forced = ForcedPaths.during(() ->
        assertEquals(0, run("score", "--input", in.toString(), "--output", outDir.resolve("out.jsonl").toString())));
    List<Path> ours = forced.stream().filter(p -> p.startsWith(outDir)).toList();
    assertEquals(2, ours.size(), "forced: " + forced);
    assertTrue(ours.get(0).getFileName().toString().startsWith(".out.jsonl."), "the temporary file first: " + ours);
    assertEquals(outDir, ours.get(1), "then the directory holding the rename");
  }

  @Test
  void judgmentsGivePerceptionRewardAndNoScoreStaysAbsent() throws IOException {
    Path in = dir.resolve("in.jsonl");
    String completion = "<observation>y</observation><think>t</think><answer>B</answer>";
    Files.writeString(in, String.join("\n",
        "{\"id\":\"a\",\"problem_type\":\"multiple choice\",\"solution\":\"<answer>B</answer>\",\"completion\":\""
            + completion + "\"}",
        "{\"id\":\"b\",\"problem_type\":\"multiple choice\",\"solution\":\"<answer>B</answer>\",\"completion\":\""
            + completion + "\"}",
        "{\"id\":\"c\",\"problem_type\":\"multiple choice\",\"solution\":\"<answer>B</answer>\",\"completion\":\""
            + completion + "\"}"));
    Path judged = dir.resolve("j.jsonl");
    Files.writeString(judged, "{\"id\":\"a\",\"verdict\":\"sufficient\"}\n{\"id\":\"b\",\"verdict\":\"no score\"}\n"
        + "{\"id\":\"typo\",\"verdict\":\"insufficient\"}\n");
    Path outFile = dir.resolve("out.jsonl");
    assertEquals(0, run("score", "--input", in.toString(), "--output", outFile.toString(), "--judgments",
        judged.toString(), "--scoring-mode", "video-r1"));
    List<JsonNode> lines = readOutput(outFile);
    assertEquals(2.0, lines.get(0).get("perception_reward").asDouble(), "accuracy 1 + format 1, too short for ω");
    assertTrue(lines.get(1).get("perception_reward").isNull());
    assertEquals("no score", lines.get(1).get("perception_judgement").asText());
    assertEquals("missing", lines.get(2).get("perception_judgement").asText());
    assertTrue(lines.get(2).get("perception_reward").isNull());
    assertTrue(out.toString().contains("judgements: 3 read, 1 matched no record"), out.toString());
  }

  @Test
  void bundledExampleScoresWithoutErrors() throws IOException {
    Path examples = Path.of("..", "examples");
    Path outFile = dir.resolve("example.jsonl");
    assertEquals(0, run("score", "--input", examples.resolve("completions.jsonl").toString(), "--output",
        outFile.toString(), "--judgments", examples.resolve("judgments.jsonl").toString()));
    List<JsonNode> lines = readOutput(outFile);
    assertEquals(8, lines.size());
    assertTrue(lines.stream().noneMatch(l -> l.has("error")), lines.toString());
    String summary = out.toString().replaceAll(" +", " ");
    assertTrue(summary.contains("\nerrors 0\n"), summary);
    // corrected mode: "A." names option A, "stop ahead" matches "STOP AHEAD", "1000" equals "1,000"
    assertEquals(1.0, lines.get(1).get("reasoning_accuracy").asDouble());
    assertEquals(1.0, lines.get(4).get("reasoning_accuracy").asDouble());
    assertEquals(1.0, lines.get(3).get("reasoning_accuracy").asDouble());
    assertEquals("no score", lines.get(5).get("perception_judgement").asText());
  }

  @Test
  void badFlagsAndFilesFailWithClearMessages() throws IOException {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "");
    assertEquals(2, run("score", "--input", in.toString(), "--output", dir.resolve("o").toString(),
        "--mode", "strict"));
    assertTrue(err.toString().contains("'--mode': 'strict' is not one of video-r1, corrected"),
        err.toString());
    assertEquals(2, run("score", "--input", dir.resolve("missing.jsonl").toString(), "--output",
        dir.resolve("o").toString()));
    assertTrue(err.toString().contains("missing.jsonl: --input: no such file"), err.toString());
    Path judged = dir.resolve("j.jsonl");
    Files.writeString(judged, "{\"id\":1,\"verdict\":\"yes\"}\n");
    assertEquals(2, run("score", "--input", in.toString(), "--output", dir.resolve("o").toString(),
        "--judgments", judged.toString()));
    assertTrue(err.toString().contains("j.jsonl:1: verdict 'yes' is not sufficient, insufficient or no score"),
        err.toString());
    assertFalse(Files.exists(dir.resolve("o")), "nothing written on a failed run");
  }
}
