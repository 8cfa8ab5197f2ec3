package dev.videop2r.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.videop2r.data.DatasetReader;
import dev.videop2r.data.DatasetRecord;
import dev.videop2r.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A first streaming pass over the input: counts records (for the progress bar and the journal's bounds),
 * collects malformed ones, and fingerprints the files (name, size and SHA-256 of the contents, hashed in the
 * same read) so a resume against changed input is refused, even after an edit that keeps a file's size.
 */
record InputScan(int total, List<DatasetRecord> bad, ArrayNode fingerprint) {

  private static final int SHOWN = 10;

  static InputScan of(List<Path> inputs) throws IOException {
    int total = 0;
    List<DatasetRecord> bad = new ArrayList<>();
    ArrayNode files = Json.MAPPER.createArrayNode();
    try (DatasetReader reader = DatasetReader.openFingerprinting(inputs)) {
      while (reader.hasNext()) {
        DatasetRecord r = reader.next();
        total++;
        if (!r.ok()) {
          bad.add(r);
        }
      }
      for (Map.Entry<Path, String> f : reader.contentDigests().entrySet()) {
        files.addObject().put("name", f.getKey().getFileName().toString()).put("bytes", Files.size(f.getKey()))
            .put("sha256", f.getValue());
      }
    }
    return new InputScan(total, bad, files);
  }

  /** The malformed records, the first few with reasons. */
  String describeBad() {
    StringBuilder s = new StringBuilder().append(bad.size()).append(" malformed record(s): ");
    for (int i = 0; i < Math.min(SHOWN, bad.size()); i++) {
      DatasetRecord r = bad.get(i);
      s.append(i == 0 ? "" : "; ").append(r.where()).append(": ").append(r.error());
    }
    if (bad.size() > SHOWN) {
      s.append("; and ").append(bad.size() - SHOWN).append(" more");
    }
    return s.toString();
  }
}
