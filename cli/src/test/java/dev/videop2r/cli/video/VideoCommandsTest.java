package dev.videop2r.cli.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VideoCommandsTest {

  @TempDir Path dir;

  @Test
  void synthThenFramesShowsEveryFrameOfAClip() throws Exception {
    Path data = dir.resolve("synth");
    assertEquals(0, Main.commandLine().execute("synth", "--out", data.toString(), "--train", "6", "--test", "3",
        "--seed", "5", "--threads", "1"));
    JsonNode train = new ObjectMapper().readTree(data.resolve("train.json").toFile());
    assertEquals(6, train.size());
    assertEquals(3, new ObjectMapper().readTree(data.resolve("test.json").toFile()).size());
    String path = train.get(0).get("path").asText();
    Path clip = data.resolve(path.substring(2));
    assertTrue(Files.size(clip) > 0);

    Path frames = dir.resolve("frames");
    assertEquals(0, Main.commandLine().execute("frames", "--video", clip.toString(), "--out", frames.toString(),
        "--max-pixels", "12544"));
    JsonNode report = new ObjectMapper().readTree(frames.resolve("frames.json").toFile());
    assertEquals(16, report.get("indices").size());
    assertEquals(16, report.get("frame_count").asInt());
    assertEquals(112, report.get("resized_width").asInt());
    assertEquals("[8,8,8]", report.get("grid_thw").toString());
    assertEquals(128, report.get("visual_tokens").asInt());
    assertTrue(Files.exists(frames.resolve("frame_015.png")));
  }

  @Test
  void missingVideoIsOneLineNamingTheFile() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("frames", "--video", dir.resolve("absent.mp4").toString(), "--out", dir.toString());
    assertEquals(2, code);
    assertTrue(err.toString().contains("absent.mp4") && err.toString().contains("does not exist"), err.toString());
  }

  @Test
  void badKnobIsNamed() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("synth", "--out", dir.toString(), "--train", "1", "--test", "1", "--objects", "9");
    assertEquals(2, code);
    assertTrue(err.toString().contains("objects must be in 2..4"), err.toString());
  }
}
