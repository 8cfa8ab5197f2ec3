package dev.videop2r.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.data.DatasetException;
import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.data.DatasetReader;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.data.MediaRoot;
import dev.videop2r.data.SampledFrames;
import dev.videop2r.data.Sample;
import dev.videop2r.reward.ScoringMode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CotPipelineTest {

  @TempDir Path dir;

  private static final ErrorInjection ERRORS = new ErrorInjection(0.15, 0.15, 0.1, 42);
  private final Verifier verifier = new TemplateVerifier(0.6, ScoringMode.VIDEO_R1);

  private static ObjectNode settings() {
    return new ObjectMapper().createObjectNode().put("seed", 42);
  }

  private CotPipeline.Result run(Path input, Path out, Teacher teacher, CotPipeline.Options options)
      throws Exception {
    CotPipeline p = new CotPipeline(options, teacher, new SyntheticJudge(), verifier, null, new MediaRoot(dir));
    return p.run(List.of(input), out, settings(), null, false);
  }

  private static CotPipeline.Options options(int concurrency, boolean resume) {
    return new CotPipeline.Options(concurrency, resume, false, false, FrameRequest.training(), "cot", 7);
  }

  private static TreeMap<String, byte[]> snapshot(Path datasetDir) throws IOException {
    TreeMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> s = Files.list(datasetDir)) {
      for (Path p : s.toList()) {
        files.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  private static void assertSameFiles(TreeMap<String, byte[]> a, TreeMap<String, byte[]> b) {
    assertEquals(a.keySet(), b.keySet());
    for (String name : a.keySet()) {
      assertArrayEquals(a.get(name), b.get(name), name);
    }
  }

  @Test
  void aDatasetNameThatIsAPathIsRefused() {
    for (String name : List.of("../../x", "a/b", "/tmp/x", "")) {
      InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> new CotPipeline.Options(1,
          false, false, false, FrameRequest.training(), name, 10));
      assertEquals("datasetName", e.field(), "the library names its field; the CLI names the flag");
      assertTrue(e.problem().startsWith("must be a plain file name"), e.getMessage());
    }
    new CotPipeline.Options(1, false, false, false, FrameRequest.training(), "videop2r-cot_v2.1", 10);
  }

  @Test
  void everySampleGetsTheFateItsMistakeDeservesAndTheOutputIsInInputOrder() throws Exception {
    List<Sample> samples = TestSamples.samples(60);
    Path input = TestSamples.writeArray(dir.resolve("in.json"), samples);
    SyntheticTeacher teacher = new SyntheticTeacher(ERRORS);
    CotPipeline.Result r = run(input, dir.resolve("out"), teacher, options(8, false));

    assertEquals(60, r.total());
    List<Long> expectedKept = new ArrayList<>();
    for (Sample s : samples) {
      if (teacher.mistakeFor(s) == SyntheticTeacher.Mistake.NONE) {
        expectedKept.add(s.problemId());
      }
    }
    Path dataset = r.published().directory();
    List<Sample> kept = new ArrayList<>();
    try (DatasetReader reader = DatasetReader.open(r.published().parts())) {
      reader.forEachRemaining(rec -> kept.add(rec.sample()));
    }
    assertEquals(expectedKept, kept.stream().map(Sample::problemId).toList());
    for (Sample k : kept) {
      assertTrue(k.trace().observation().startsWith("<observation>"), k.trace().observation());
      assertTrue(k.trace().process().startsWith("<think>"));
      assertTrue(k.trace().output().contains(k.trace().observation()));
      assertEquals(Boolean.TRUE, k.trace().select());
      assertTrue(k.trace().reward() >= 0.6, k.trace().reward()::toString);
    }
    List<Sample> jsonl = new ArrayList<>();
    try (DatasetReader reader = DatasetReader.open(r.published().jsonl())) {
      reader.forEachRemaining(rec -> jsonl.add(rec.sample()));
    }
    assertEquals(kept, jsonl);
    assertEquals(60, Files.readAllLines(dataset.resolve("fates.jsonl")).size());
    assertEquals(expectedKept.size(), r.summary().kept());
    assertTrue(r.summary().count(Fate.DROPPED_VERIFY) > 0 && r.summary().count(Fate.DROPPED_JUDGE) > 0);
    String summary = Files.readString(r.published().summaryFile());
    assertTrue(summary.contains("| multiple choice"), summary);
    assertTrue(summary.contains("Multiple choice"), summary);
  }

  @Test
  void outputDoesNotDependOnConcurrencyAndAResumeAfterAPartialJournalMatches() throws Exception {
    Path input = TestSamples.writeArray(dir.resolve("in.json"), TestSamples.samples(40));
    CotPipeline.Result serial = run(input, dir.resolve("serial"), new SyntheticTeacher(ERRORS), options(1, false));
    CotPipeline.Result parallel = run(input, dir.resolve("par"), new SyntheticTeacher(ERRORS), options(16, false));
    assertSameFiles(snapshot(serial.published().directory()), snapshot(parallel.published().directory()));

    // Simulate a crash: keep the header and the first 15 outcomes of the journal, drop the published dataset.
    Path crashed = Files.createDirectories(dir.resolve("crashed"));
    List<String> lines = Files.readAllLines(serial.published().directory().resolveSibling(CotPipeline.JOURNAL));
    Files.write(crashed.resolve(CotPipeline.JOURNAL), lines.subList(0, 16));
    CountingTeacher counting = new CountingTeacher(new SyntheticTeacher(ERRORS));
    CotPipeline.Result resumed = run(input, crashed, counting, options(4, true));
    assertEquals(25, resumed.ranNow());
    assertEquals(25, counting.calls.size());
    assertSameFiles(snapshot(serial.published().directory()), snapshot(resumed.published().directory()));

    // Nothing left to do: a second resume calls the teacher zero times and publishes the same bytes.
    CountingTeacher idle = new CountingTeacher(new SyntheticTeacher(ERRORS));
    run(input, crashed, idle, options(4, true));
    assertEquals(0, idle.calls.size());
    assertSameFiles(snapshot(serial.published().directory()), snapshot(resumed.published().directory()));
  }

  @Test
  void anExistingJournalNeedsResumeAndMatchingSettings() throws Exception {
    Path input = TestSamples.writeArray(dir.resolve("in.json"), TestSamples.samples(5));
    Path out = dir.resolve("out");
    run(input, out, new SyntheticTeacher(ERRORS), options(2, false));
    InvalidFieldException again = assertThrows(InvalidFieldException.class,
        () -> run(input, out, new SyntheticTeacher(ERRORS), options(2, false)));
    assertTrue(again.getMessage().startsWith("out: journal ") && again.getMessage().contains("use resume to continue"),
        again.getMessage());
    assertTrue(again.message(f -> "--" + f).contains("use --resume to continue"), again.message(f -> "--" + f));

    CotPipeline other = new CotPipeline(options(2, true), new SyntheticTeacher(ERRORS), new SyntheticJudge(),
        verifier, null, new MediaRoot(dir));
    ObjectNode changed = settings().put("seed", 43);
    IllegalStateException mismatch = assertThrows(IllegalStateException.class,
        () -> other.run(List.of(input), out, changed, null, false));
    assertTrue(mismatch.getMessage().contains("seed (was 42, now 43)"), mismatch.getMessage());

    Path fresh = dir.resolve("fresh").resolve(CotPipeline.JOURNAL);
    try (Journal held = Journal.open(fresh, 5, settings(), true)) {
      IllegalStateException busy = assertThrows(IllegalStateException.class,
          () -> Journal.open(fresh, 5, settings(), true));
      assertTrue(busy.getMessage().contains("another run is using"), busy.getMessage());
    }
  }

  @Test
  void aResumeAfterASameSizeEditOfTheInputIsRefused() throws Exception {
    Path input = TestSamples.writeArray(dir.resolve("in.json"), TestSamples.samples(5));
    Path out = dir.resolve("out");
    run(input, out, new SyntheticTeacher(ERRORS), options(2, false));
    String text = Files.readString(input);
    String edited = text.replaceFirst("stays still", "stays stilt");
    assertTrue(!edited.equals(text) && edited.length() == text.length());
    Files.writeString(input, edited);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> run(input, out, new SyntheticTeacher(ERRORS), options(2, true)));
    assertTrue(e.getMessage().contains("inputs (") && e.getMessage().contains("in.json"), e.getMessage());
  }

  @Test
  void malformedInputIsRefusedOrSkippedAndListed() throws Exception {
    Path input = dir.resolve("in.jsonl");
    List<String> lines = new ArrayList<>();
    for (Sample s : TestSamples.samples(6)) {
      lines.add(new ObjectMapper().writeValueAsString(new ObjectMapper().readTree(toJson(s))));
    }
    lines.set(2, "{\"problem_id\": 3}");
    Files.write(input, lines);
    DatasetException refused = assertThrows(DatasetException.class,
        () -> run(input, dir.resolve("a"), new SyntheticTeacher(ErrorInjection.none()), options(2, false)));
    assertTrue(refused.getMessage().contains("record 3 (in.jsonl #3): missing field 'problem'"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("(use skipBad to skip malformed records)"), refused.getMessage());
    assertTrue(refused.message(f -> "--skip-bad").contains("(use --skip-bad to skip"), refused.message(f -> "?"));

    CotPipeline.Options skip = new CotPipeline.Options(2, false, false, true, FrameRequest.training(), "cot", 7);
    CotPipeline.Result r = run(input, dir.resolve("b"), new SyntheticTeacher(ErrorInjection.none()), skip);
    assertEquals(5, r.summary().kept());
    String fates = Files.readString(r.published().fates());
    assertTrue(fates.contains("\"fate\":\"errored\",\"step\":\"read\",\"reason\":\"record 3 (in.jsonl #3): missing"
        + " field 'problem'\""), fates);
  }

  private static String toJson(Sample s) throws IOException {
    java.io.StringWriter w = new java.io.StringWriter();
    try (var g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(w)) {
      dev.videop2r.data.SampleJson.write(g, s, false);
    }
    return w.toString();
  }

  @Test
  void teacherAndMediaFailuresAreErroredAndRetriedOnRequest() throws Exception {
    List<Sample> samples = new ArrayList<>(TestSamples.samples(8));
    Sample escaping = samples.get(3);
    samples.set(3, new Sample(escaping.problemId(), escaping.problem(), escaping.dataType(), escaping.problemType(),
        escaping.options(), escaping.solution(), "../../etc/passwd", escaping.dataSource(), escaping.facts(),
        escaping.rationale(), null));
    Path input = TestSamples.writeArray(dir.resolve("in.json"), samples);
    Set<Long> failOnce = ConcurrentHashMap.newKeySet();
    failOnce.add(2L);
    SyntheticTeacher inner = new SyntheticTeacher(ErrorInjection.none());
    List<Integer> frameCounts = java.util.Collections.synchronizedList(new ArrayList<>());
    Teacher seeing = new Teacher() {
      @Override
      public String id() {
        return "seeing";
      }

      @Override
      public String respond(TeacherInput in) throws IOException {
        assertNotNull(in.frames());
        frameCounts.add(in.frames().images().size());
        assertTrue(in.prompt().contains("<observation>"), in.prompt());
        if (failOnce.remove(in.sample().problemId())) {
          throw new IOException("server unavailable");
        }
        return inner.respond(in);
      }
    };
    List<Path> decoded = java.util.Collections.synchronizedList(new ArrayList<>());
    dev.videop2r.data.FrameSource frames = (media, request) -> {
      decoded.add(media);
      return new SampledFrames(List.of(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB)), new int[] {0}, 0, 0);
    };
    Path out = dir.resolve("out");
    CotPipeline p = new CotPipeline(options(3, false), seeing, new SyntheticJudge(), verifier, frames,
        new MediaRoot(dir));
    CotPipeline.Result first = p.run(List.of(input), out, settings(), null, false);
    assertEquals(6, first.summary().kept());
    assertEquals(2, first.summary().count(Fate.ERRORED));
    String fates = Files.readString(first.published().fates());
    assertTrue(fates.contains("teacher seeing: server unavailable"), fates);
    assertTrue(fates.contains("media '../../etc/passwd'"), fates);
    assertTrue(decoded.stream().allMatch(m -> m.startsWith(dir.toAbsolutePath())));

    // A verifier that throws on one sample errors that sample only; the run goes on.
    Verifier throwing = (sample, response) -> {
      if (sample.problemId() == 5) {
        throw new IllegalArgumentException("metric exploded");
      }
      return verifier.verify(sample, response);
    };
    CotPipeline.Result withThrow = new CotPipeline(options(3, false), seeing, new SyntheticJudge(), throwing, frames,
        new MediaRoot(dir)).run(List.of(input), dir.resolve("throwing"), settings(), null, false);
    assertTrue(Files.readString(withThrow.published().fates()).contains(
        "\"fate\":\"errored\",\"step\":\"verify\",\"reason\":\"verification failed: metric exploded\""));
    assertEquals(8, Files.readAllLines(withThrow.published().fates()).size());

    CotPipeline retry = new CotPipeline(new CotPipeline.Options(3, true, true, false, FrameRequest.training(), "cot",
        7), seeing, new SyntheticJudge(), verifier, frames, new MediaRoot(dir));
    CotPipeline.Result second = retry.run(List.of(input), out, settings(), null, false);
    assertEquals(2, second.ranNow());
    assertEquals(7, second.summary().kept()); // the flaky one succeeds; the escaping path fails again
    assertEquals(8, Files.readAllLines(second.published().fates()).size());
  }

  /** Records which samples a teacher was asked about. */
  static final class CountingTeacher implements Teacher {
    final List<Long> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Teacher inner;

    CountingTeacher(Teacher inner) {
      this.inner = inner;
    }

    @Override
    public String id() {
      return inner.id();
    }

    @Override
    public boolean needsFrames() {
      return inner.needsFrames();
    }

    @Override
    public String respond(TeacherInput input) throws IOException, InterruptedException {
      calls.add(input.sample().problemId());
      return inner.respond(input);
    }
  }
}
