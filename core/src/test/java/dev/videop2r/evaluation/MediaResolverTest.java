package dev.videop2r.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaResolverTest {

  @TempDir Path dir;

  @Test
  void pathsThatLeaveTheMediaRootAreRefusedLikeThePipelines() throws Exception {
    Path root = Files.createDirectories(dir.resolve("media/Bench"));
    Files.writeString(root.resolve("inside.mp4"), "v");
    Path secret = Files.writeString(dir.resolve("secret.mp4"), "not media");
    MediaResolver media = new MediaResolver(root);

    assertEquals(root.resolve("inside.mp4").toAbsolutePath(),
        media.resolve("./Evaluation/Bench/inside.mp4").orElseThrow().toAbsolutePath());
    for (String escape : new String[] {"../../secret.mp4", secret.toAbsolutePath().toString(), "Bench/../x.mp4"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> media.resolve(escape),
          escape);
      assertTrue(e.getMessage().contains(escape), e.getMessage());
    }
  }
}
