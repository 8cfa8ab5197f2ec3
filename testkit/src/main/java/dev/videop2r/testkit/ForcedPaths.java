package dev.videop2r.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Which paths were fsynced ({@code FileChannel.force}) while some code ran, observed through the JDK's own
 * {@code jdk.FileForce} flight-recorder event (JDK 22 and later): a test can assert that a file and its directory
 * really reached the disk, without a seam in the code under test.
 */
public final class ForcedPaths {
  private static final String EVENT = "jdk.FileForce";

  /** Code under observation. */
  @FunctionalInterface
  public interface Action {
    void run() throws Exception;
  }

  private ForcedPaths() {}

  /** Whether this JDK records fsyncs (tests skip themselves when it does not). */
  public static boolean available() {
    return FlightRecorder.isAvailable()
        && FlightRecorder.getFlightRecorder().getEventTypes().stream().anyMatch(t -> t.getName().equals(EVENT));
  }

  /** The absolute paths forced while {@code action} ran, in order (other threads' fsyncs included). */
  public static List<Path> during(Action action) throws Exception {
    Path dump = Files.createTempFile("forced-paths", ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable(EVENT).withThreshold(Duration.ZERO).withoutStackTrace();
      recording.start();
      action.run();
      recording.stop();
      recording.dump(dump);
      return RecordingFile.readAllEvents(dump).stream()
          .sorted((a, b) -> a.getStartTime().compareTo(b.getStartTime()))
          .map(ForcedPaths::path).toList();
    } finally {
      Files.deleteIfExists(dump);
    }
  }

  private static Path path(RecordedEvent e) {
    return Path.of(e.getString("path")).toAbsolutePath().normalize();
  }
}
