package dev.videop2r.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaResolverTest {

  @Test
  void findsVideosUnderTheRootAndNeverOutsideIt(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectories(dir.resolve("media"));
    Files.createDirectories(root.resolve("MVBench/action"));
    Files.writeString(root.resolve("MVBench/action/clip.mp4"), "x");
    Files.writeString(dir.resolve("secret.mp4"), "outside");
    MediaResolver media = new MediaResolver(root);

    assertEquals(Optional.of(root.resolve("MVBench/action/clip.mp4")),
        media.resolve("./Evaluation/MVBench/action/clip.mp4"));
    assertEquals(Optional.of(root.resolve("MVBench/action/clip.mp4")), media.resolve("clip.mp4"));

    IllegalArgumentException absolute = assertThrows(IllegalArgumentException.class,
        () -> media.resolve(dir.resolve("secret.mp4").toString()));
    assertTrue(absolute.getMessage().contains("absolute"), absolute.getMessage());
    IllegalArgumentException up = assertThrows(IllegalArgumentException.class, () -> media.resolve("../secret.mp4"));
    assertTrue(up.getMessage().contains("'..'"), up.getMessage());
  }
}
