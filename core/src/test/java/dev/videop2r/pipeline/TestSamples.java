package dev.videop2r.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.videop2r.data.Sample;
import dev.videop2r.data.SampleJson;
import dev.videop2r.testkit.SampleRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** testkit's {@link SampleRecords} as core's {@link Sample}s, and a writer for (edited) samples. */
public final class TestSamples {

  private TestSamples() {}

  public static Sample sample(int i) {
    return SampleJson.fromJson(SampleRecords.record(i));
  }

  public static List<Sample> samples(int n) {
    List<Sample> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(sample(i));
    }
    return out;
  }

  /** Writes samples as one JSON array (the Video-R1-260k layout). */
  public static Path writeArray(Path file, List<Sample> samples) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(Files.newBufferedWriter(file))) {
      g.writeStartArray();
      for (Sample s : samples) {
        SampleJson.write(g, s, false);
      }
      g.writeEndArray();
    }
    return file;
  }
}
