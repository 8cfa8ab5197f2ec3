package dev.videop2r.training.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCurvesTest {

  @Test
  void everyLoggedNumericMetricLandsInOnePanelOfItsFamily(@TempDir Path run) throws Exception {
    Files.writeString(run.resolve("metrics.jsonl"), String.join("\n",
        "{\"step\":1,\"loss\":2.0,\"tokens\":10,\"grad_clipped\":false,\"probe/a\":1,\"probe/b\":2,\"kl\":0.1}",
        "{\"step\":2,\"loss\":1.5,\"tokens\":12,\"grad_clipped\":true,\"probe/a\":2,\"probe/b\":1,\"kl\":0.2}", ""));
    List<String> files = TrainingCurves.draw(run).stream().map(p -> p.getFileName().toString()).sorted().toList();
    // loss and kl have their fixed panels; tokens and the probe/ family get one each; booleans are not curves.
    assertEquals(List.of("kl.png", "loss.png", "probe.png", "tokens.png"), files);
  }
}
