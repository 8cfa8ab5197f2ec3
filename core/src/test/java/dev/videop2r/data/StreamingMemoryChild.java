package dev.videop2r.data;

import java.nio.file.Path;
import java.util.List;

/** Child JVM of {@link StreamingMemoryTest}: counts a dataset's records and prints the total. */
public final class StreamingMemoryChild {

  private StreamingMemoryChild() {}

  public static void main(String[] args) throws Exception {
    CompositionTable table = new CompositionTable();
    try (DatasetReader r = DatasetReader.open(List.of(Path.of(args[0])))) {
      while (r.hasNext()) {
        DatasetRecord rec = r.next();
        if (!rec.ok()) {
          throw new IllegalStateException(rec.where() + ": " + rec.error());
        }
        table.add(rec.sample());
      }
    }
    System.out.println("TOTAL " + table.total());
  }
}
