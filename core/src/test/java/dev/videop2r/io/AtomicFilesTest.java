package dev.videop2r.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.videop2r.testkit.ForcedPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @Test
  void theNewContentIsSyncedBeforeTheRenameAndTheDirectoryAfterIt(@TempDir Path dir) throws Exception {
    assumeTrue(ForcedPaths.available(), "this JDK does not record fsyncs");
    Path file = dir.resolve("state.json");
    Files.writeString(file, "old");
    List<Path> forced = ForcedPaths.during(() -> AtomicFiles.write(file, "new".getBytes()));
    List<Path> ours = forced.stream().filter(p -> p.startsWith(dir.toAbsolutePath().normalize())).toList();
    assertEquals(2, ours.size(), "forced: " + forced);
    assertTrue(ours.get(0).getFileName().toString().startsWith(".state.json."), "the temporary file first: " + ours);
    assertEquals(dir.toAbsolutePath().normalize(), ours.get(1), "then the directory holding the rename");
    assertEquals("new", Files.readString(file));
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporaryFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("metrics.jsonl");
    Files.writeString(file, "old");
    assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
      out.write("partial".getBytes());
      throw new IOException("disk full");
    }));
    assertEquals("old", Files.readString(file));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(file), s.toList());
    }
  }

  @Test
  void aDirectoryIsPublishedWholeWithItsTreeSynced(@TempDir Path dir) throws Exception {
    assumeTrue(ForcedPaths.available(), "this JDK does not record fsyncs");
    Path staging = Files.createDirectories(dir.resolve(".tmp-1"));
    Files.write(staging.resolve("a.bin"), new byte[] {1, 2});
    Path target = dir.resolve("step-1");
    List<Path> forced = ForcedPaths.during(() -> {
      AtomicFiles.syncTree(staging);
      AtomicFiles.move(staging, target);
    });
    Path root = dir.toAbsolutePath().normalize();
    assertTrue(forced.containsAll(List.of(root.resolve(".tmp-1/a.bin"), root.resolve(".tmp-1"), root)),
        "forced: " + forced);
    assertEquals(root, forced.get(forced.size() - 1), "the parent directory is synced after the rename");
    assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(target.resolve("a.bin")));
  }
}
