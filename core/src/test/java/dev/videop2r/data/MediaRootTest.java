package dev.videop2r.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaRootTest {

  @TempDir Path dir;

  @Test
  void resolvesVideoR1StylePathsInsideTheRoot() {
    MediaRoot root = new MediaRoot(dir);
    assertEquals(dir.toAbsolutePath().resolve("CLEVRER/video_1.mp4"), root.resolve("./CLEVRER/video_1.mp4"));
    assertEquals(dir.toAbsolutePath().resolve("a/b.png"), root.resolve("a/b.png"));
  }

  @Test
  void refusesEveryEscape() {
    MediaRoot root = new MediaRoot(dir);
    for (String bad : new String[] {"../secret.mp4", "./a/../../b.mp4", "a/..", "/etc/passwd", "~/x.mp4",
        "C:/x.mp4", "..\\x.mp4", "\\\\server\\share\\x.mp4", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> root.resolve(bad), bad);
      assertTrue(e.getMessage().contains("media") || e.getMessage().contains("empty"), e.getMessage());
    }
  }
}
