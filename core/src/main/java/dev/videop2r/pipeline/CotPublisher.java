package dev.videop2r.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.data.AtomicDirectory;
import dev.videop2r.data.CompositionTable;
import dev.videop2r.data.CotTrace;
import dev.videop2r.data.DatasetReader;
import dev.videop2r.data.DatasetRecord;
import dev.videop2r.data.JsonlWriter;
import dev.videop2r.data.ReleaseWriter;
import dev.videop2r.data.Sample;
import dev.videop2r.io.Json;
import dev.videop2r.template.ParseMode;
import dev.videop2r.template.ParsedResponse;
import dev.videop2r.template.ResponseParser;
import dev.videop2r.template.ResponseTemplate;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the pipeline's output from the journal, in input order, and publishes it atomically as
 * {@code <out>/dataset/}: the kept samples in the VideoP2R release layout ({@code <name>_partK.json.gz}) and as
 * {@code <name>.jsonl}, every sample's fate ({@code fates.jsonl}), and {@code summary.md} (fates per step ×
 * problem type, and the kept set's composition in the paper's Table 3 layout). Nothing in it depends on timing,
 * so an interrupted-and-resumed run publishes the same bytes as an uninterrupted one.
 */
public final class CotPublisher {

  /** The published directory's name inside the output directory. */
  public static final String DATASET_DIR = "dataset";

  /** Blocks until a record's fate is journaled (a no-op for records journaled before the run). */
  @FunctionalInterface
  public interface Gate {
    void await(long number) throws InterruptedException;
  }

  /** What was published. */
  public record Published(Path directory, List<Path> parts, Path jsonl, Path fates, Path summaryFile,
      FateSummary summary, CompositionTable composition) {}

  /** Kept responses passed strict verification, so a strict parse recovers their segments. */
  private final ResponseParser parser = new ResponseParser(ResponseTemplate.PROCESS_AWARE, ParseMode.STRICT);
  private final String name;
  private final int recordsPerPart;

  public CotPublisher(String name, int recordsPerPart) {
    this.name = name;
    this.recordsPerPart = recordsPerPart;
  }

  /**
   * Streams the inputs in order and writes each record once {@code gate} says its fate is journaled; the
   * directory is renamed into place after the last record.
   */
  public Published publish(List<Path> inputs, Journal journal, long total, Path outDir, Gate gate)
      throws IOException, InterruptedException {
    AtomicDirectory target = AtomicDirectory.begin(outDir.resolve(DATASET_DIR));
    Path dir = target.staging();
    FateSummary summary = new FateSummary();
    CompositionTable composition = new CompositionTable();
    List<Path> parts;
    try (DatasetReader reader = DatasetReader.open(inputs);
        ReleaseWriter release = new ReleaseWriter(dir, name, recordsPerPart, false);
        JsonlWriter jsonl = new JsonlWriter(dir.resolve(name + ".jsonl"));
        Writer fatesOut = Files.newBufferedWriter(dir.resolve("fates.jsonl"), StandardCharsets.UTF_8);
        JsonGenerator fates = new JsonFactory().createGenerator(fatesOut)) {
      fates.setRootValueSeparator(new SerializedString("\n"));
      long seen = 0;
      while (reader.hasNext()) {
        DatasetRecord r = reader.next();
        seen++;
        gate.await(r.number());
        SampleOutcome o = journal.read(r.number());
        if (o == null) {
          throw new IllegalStateException("record " + r.number() + " has no journaled fate; resume the run");
        }
        summary.add(o);
        writeFate(fates, o);
        if (o.fate() == Fate.KEPT) {
          Sample kept = withTrace(r.sample(), o);
          release.write(kept);
          jsonl.write(kept);
          composition.add(kept);
        }
      }
      if (seen != total) {
        throw new IllegalStateException("the input changed during the run: " + seen + " records, expected " + total);
      }
      fates.writeRaw('\n');
      parts = release.finish();
    }
    String summaryText = "# CoT pipeline summary\n\nFates per step × problem type:\n\n" + summary.render()
        + "\nKept samples (paper Table 3 layout):\n\n" + composition.render();
    Files.writeString(dir.resolve("summary.md"), summaryText);
    writeManifest(dir, summary, parts);
    Path published = target.commit();
    return new Published(published, parts.stream().map(p -> published.resolve(p.getFileName())).toList(),
        published.resolve(name + ".jsonl"), published.resolve("fates.jsonl"), published.resolve("summary.md"),
        summary, composition);
  }

  private Sample withTrace(Sample s, SampleOutcome o) {
    String response = o.response();
    ParsedResponse p = parser.parse(response);
    if (!p.wellFormed()) {
      throw new IllegalStateException("record " + o.number() + " is journaled as kept but its response breaks the"
          + " template: " + p.defectMessages());
    }
    return s.withTrace(new CotTrace(p.observation().orElseThrow().outer().of(response),
        p.think().orElseThrow().outer().of(response), response, p.answer().orElseThrow().content(), o.score(), true,
        null));
  }

  private static void writeFate(JsonGenerator g, SampleOutcome o) throws IOException {
    g.writeStartObject();
    g.writeNumberField("number", o.number());
    g.writeNumberField("problem_id", o.problemId());
    if (o.dataType() != null) {
      g.writeStringField("data_type", o.dataType().wireName());
      g.writeStringField("problem_type", o.problemType().wireName());
    }
    g.writeStringField("fate", o.fate().name().toLowerCase(java.util.Locale.ROOT));
    g.writeStringField("step", o.step().name().toLowerCase(java.util.Locale.ROOT));
    if (o.score() != null) {
      g.writeNumberField("score", o.score());
    }
    g.writeStringField("reason", o.reason());
    g.writeEndObject();
  }

  private void writeManifest(Path dir, FateSummary summary, List<Path> parts) throws IOException {
    ObjectMapper json = Json.MAPPER;
    ObjectNode m = json.createObjectNode();
    m.put("name", name);
    for (Fate f : Fate.values()) {
      m.put(f.name().toLowerCase(java.util.Locale.ROOT), summary.count(f));
    }
    var arr = m.putArray("parts");
    parts.forEach(p -> arr.add(p.getFileName().toString()));
    Files.writeString(dir.resolve("manifest.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n");
  }
}
