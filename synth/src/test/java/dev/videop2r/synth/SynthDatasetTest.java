package dev.videop2r.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.data.ProblemType;
import dev.videop2r.data.Sample;
import dev.videop2r.data.SampleJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthDatasetTest {

  @TempDir Path dir;

  /** Stands in for the H.264 writer: records the frame count so the test can check what was sent. */
  private static SynthDataset.ClipSink countingSink(AtomicInteger calls) {
    return (file, frames, fps) -> {
      calls.incrementAndGet();
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, frames.size() + "@" + fps);
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    };
  }

  @Test
  void writesBothSplitsInVideoR1FormatAndResumes() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    SynthDataset dataset = new SynthDataset(SynthKnobs.defaults(), countingSink(calls), 2);
    SynthDataset.Result result = dataset.generate(dir, 24, 12, 42);
    assertEquals(36, calls.get());
    assertEquals(36, result.clipsWritten());

    JsonNode train = new ObjectMapper().readTree(dir.resolve("train.json").toFile());
    assertEquals(24, train.size());
    JsonNode first = train.get(0);
    assertEquals(List.of("problem_id", "problem", "data_type", "problem_type", "options", "solution", "path",
        "data_source", "facts", "rationale"), iterable(first));

    Set<String> trainPaths = new HashSet<>();
    Set<Integer> ids = new HashSet<>();
    for (SynthSample s : result.train()) {
      trainPaths.add(s.path());
      ids.add(s.problemId());
      assertEquals("16@2.0", Files.readString(dir.resolve(s.path())));
    }
    for (SynthSample s : result.test()) {
      assertTrue(!trainPaths.contains(s.path()), "test clip shared with train: " + s.path());
      assertTrue(ids.add(s.problemId()), "duplicate problem_id " + s.problemId());
    }

    // The pipeline's reader accepts the records unchanged.
    Sample parsed = SampleJson.fromJson(new ObjectMapper().writeValueAsString(result.test().get(1)));
    assertEquals(result.test().get(1).facts(), parsed.facts());
    assertEquals(ProblemType.parse(result.test().get(1).problemType()), parsed.problemType());

    SynthDataset.Result again = new SynthDataset(SynthKnobs.defaults(), countingSink(calls), 1).generate(dir, 24, 12,
        42);
    assertEquals(0, again.clipsWritten(), "existing clips are not encoded again");
    assertEquals(result.train(), again.train(), "deterministic per seed, independent of thread count");
    assertEquals(result.test(), again.test());
  }

  @Test
  void aTrainingSampleRegeneratesWithItsSceneWithoutWritingAnything() {
    AtomicInteger calls = new AtomicInteger();
    SynthDataset dataset = new SynthDataset(SynthKnobs.defaults(), countingSink(calls), 1);
    List<SynthSample> train = dataset.generate(dir, 8, 2, 5).train();
    int written = calls.get();
    for (int i = 0; i < train.size(); i++) {
      SynthWorld.Generated g = dataset.trainSample(i, 5);
      assertEquals(train.get(i), g.sample());
      assertEquals(g.sample().facts(), g.question().facts(g.scene().timeline()), "the scene is the sample's own");
    }
    assertEquals(written, calls.get());
  }

  private static List<String> iterable(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
