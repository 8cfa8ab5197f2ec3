package dev.videop2r.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A second process for {@link AppendLogTest}: opens a log, says it is ready, waits for the go signal, then
 * appends {@code count} entries tagged {@code tag}. Arguments: log file, tag, count, ready file, go file.
 */
public final class AppendLogWriterChild {

  private AppendLogWriterChild() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String tag = args[1];
    int count = Integer.parseInt(args[2]);
    try (AppendLog log = AppendLog.open(file, (o, j) -> { })) {
      Files.createFile(Path.of(args[3]));
      while (!Files.exists(Path.of(args[4]))) {
        Thread.sleep(5);
      }
      for (int i = 0; i < count; i++) {
        log.append("{\"" + tag + "\":" + i + "}");
      }
    }
  }
}
