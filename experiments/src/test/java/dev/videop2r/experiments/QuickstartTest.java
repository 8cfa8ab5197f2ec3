package dev.videop2r.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.evaluation.SyntheticEvaluation;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.data.Sample;
import dev.videop2r.testkit.ForcedPaths;
import dev.videop2r.model.QwenConfig;
import dev.videop2r.model.TinyQwen;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.reward.FormatReward;
import dev.videop2r.template.ResponseTemplate;
import dev.videop2r.training.ConversationEncoder;
import dev.videop2r.training.SftExample;
import dev.videop2r.pipeline.ErrorInjection;
import dev.videop2r.synth.SynthKnobs;
import dev.videop2r.training.pretrain.VisionPretrainSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart's stages on a miniature world: every stage runs, writes what it promises, resumes, and starts
 * again when killed before its first checkpoint.
 */
class QuickstartTest {

  /** A world and budgets small enough for the test suite; the stages are the quickstart's own. */
  private static QuickstartSettings miniature() {
    SynthKnobs knobs = SynthKnobs.defaults();
    return new QuickstartSettings(7, 12, 4, knobs, new ErrorInjection(0.2, 0.2, 0.2, 7),
        new FrameRequest(8, knobs.fps(), 56 * 56, 56 * 56), new TinyQwen(32, 1, 2, 1, 64, 1, 32, 2, 64),
        new QuickstartSettings.Pretraining(new VisionPretrainSpec(2, 2, 1e-3, 0, false), 1, 1e-3, true), 1, 4, 2e-3, 1, 2, 2, 1e-5, 1.0, 1.0, 0.04, 12);
  }

  @Test
  void everyStageRunsAndARerunReusesTheirOutputs(@TempDir Path out) throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Quickstart q = new Quickstart(miniature(), out, new PrintStream(log, true));

    Quickstart.World world = q.world();
    assertEquals(12, world.train().size());
    assertEquals(4, world.test().size());
    assertTrue(world.test().stream().noneMatch(t -> world.train().stream().anyMatch(s -> s.path().equals(t.path()))),
        "held-out clips are not training clips");

    Quickstart.CotData cot = q.cot(world);
    assertEquals(12, cot.in());
    assertTrue(cot.kept().size() < 12 && !cot.kept().isEmpty(),
        "the injected teacher errors drop some samples and keep others: kept " + cot.kept().size());
    assertTrue(cot.kept().stream().allMatch(s -> s.trace() != null && s.trace().observation() != null));

    Path[] baseDir = new Path[1];
    List<Path> forced = ForcedPaths.during(() -> baseDir[0] = q.baseModel(world, cot));
    Path base = baseDir[0];
    if (ForcedPaths.available()) {
      // The stage is marked complete (.done written through a synced temporary file, then its directory synced)
      // only after what it wrote is on disk.
      Path dir = base.toAbsolutePath().normalize();
      int config = forced.indexOf(dir.resolve("config.json"));
      int marker = forced.indexOf(forced.stream().filter(p -> p.getFileName().toString().startsWith("..done."))
          .findFirst().orElseThrow(() -> new AssertionError("marker not synced: " + forced)));
      assertTrue(config >= 0 && config < marker && forced.lastIndexOf(dir) > marker, "forced: " + forced);
    }
    QwenConfig config = QwenConfig.read(base.resolve("config.json"));
    assertEquals(32, config.hiddenSize());
    assertTrue(Files.size(base.resolve("tokenizer.json")) > 0);

    Path pretrained = q.pretrained(world, cot);
    assertEquals(out.resolve("caption").resolve("model"), pretrained);
    assertTrue(Files.exists(pretrained.resolve("model.safetensors")));
    assertTrue(q.visionProbeAccuracy().startsWith("colour "), q.visionProbeAccuracy());
    assertTrue(log.toString().contains("vision pretraining") && log.toString().contains("caption alignment"));

    Path sft = q.sft(pretrained, world, cot);
    Path rl = q.rl(RlVariant.SFT_PA_GRPO, sft, world, cot);
    assertTrue(Files.exists(rl.resolve("model.safetensors")));
    assertTrue(Files.exists(out.resolve("rl").resolve(RlVariant.SFT_PA_GRPO.directory()).resolve("metrics.jsonl")));

    SyntheticEvaluation.Scores scores = q.evaluate("SFT + PA-GRPO", rl, world);
    assertEquals(4, scores.overall().count());
    for (double x : new double[] {scores.overall().reasoningAccuracy(), scores.overall().perceptionAccuracy(),
        scores.overall().format()}) {
      assertTrue(x >= 0 && x <= 1, "score in [0, 1]: " + x);
    }
    SyntheticEvaluation.Scores blind = q.evaluate("blind", rl, world, SyntheticEvaluation.Clips.MISMATCHED);
    assertEquals(4, blind.overall().count());
    assertTrue(Files.exists(out.resolve("eval").resolve("blind").resolve("predictions.jsonl")));

    // Process-agnostic SFT (Table 2) from the same start: each kept response without its observation, think and
    // answer unchanged and in Video-R1's think/answer format; asked with Video-R1's prompt when evaluated.
    Path agnostic = q.sft(pretrained, world, cot, ResponseTemplate.THINK_ANSWER);
    assertEquals(out.resolve("sft-agnostic").resolve("model"), agnostic);
    assertFalse(Arrays.equals(Files.readAllBytes(sft.resolve("model.safetensors")),
        Files.readAllBytes(agnostic.resolve("model.safetensors"))));
    try (HfTextTokenizer tokenizer = HfTextTokenizer.load(agnostic)) {
      ConversationEncoder encoder = new ConversationEncoder(new ChatTemplate(tokenizer), null,
          ResponseTemplate.THINK_ANSWER);
      for (Sample s : cot.kept()) {
        SftExample e = encoder.encode(s);
        long[] targets = IntStream.range(0, e.ids().length).filter(t -> e.target()[t]).mapToLong(t -> e.ids()[t])
            .toArray();
        String response = tokenizer.decode(targets, false);
        assertTrue(response.endsWith("<|im_end|>"), response);
        response = response.substring(0, response.length() - "<|im_end|>".length());
        assertFalse(response.contains("observation"), response);
        assertEquals(1.0, FormatReward.videoR1(response), response);
        assertTrue(s.trace().output().endsWith(response), s.trace().output() + " vs " + response);
      }
    }
    SyntheticEvaluation.Scores agnosticScores = q.evaluate("Process-agnostic SFT", agnostic, world,
        SyntheticEvaluation.Clips.OWN, ResponseTemplate.THINK_ANSWER);
    assertEquals(4, agnosticScores.overall().count());
    assertTrue(agnosticScores.overall().reasoningAccuracy() >= 0 && agnosticScores.overall().reasoningAccuracy() <= 1);

    // A rerun finds every stage complete: same models, same scores, nothing trained again.
    log.reset();
    Quickstart again = new Quickstart(miniature(), out, new PrintStream(log, true));
    Quickstart.World w2 = again.world();
    Quickstart.CotData c2 = again.cot(w2);
    assertEquals(cot.kept().size(), c2.kept().size());
    assertEquals(sft, again.sft(again.pretrained(w2, c2), w2, c2));
    assertEquals(rl, again.rl(RlVariant.SFT_PA_GRPO, sft, w2, c2));
    assertEquals(scores, again.evaluate("SFT + PA-GRPO", rl, w2));
    assertTrue(!log.toString().contains("SFT on") && !log.toString().contains("steps x")
        && !log.toString().contains("caption alignment"),
        "no training stage ran again:\n" + log);

    // Killed before a stage's first checkpoint: metrics rows (the last one torn) and a half-written checkpoint
    // directory, nothing to resume from. The stage starts again and ends where the uninterrupted run did.
    Path rlDir = out.resolve("rl").resolve(RlVariant.SFT_PA_GRPO.directory());
    byte[] sftWeights = Files.readAllBytes(sft.resolve("model.safetensors"));
    byte[] rlWeights = Files.readAllBytes(rl.resolve("model.safetensors"));
    for (Path stage : List.of(out.resolve("sft"), rlDir)) {
      deleteTree(stage.resolve("model"));
      deleteTree(stage.resolve("checkpoints"));
      Files.createDirectories(stage.resolve("checkpoints").resolve(".tmp-1"));
      Files.writeString(stage.resolve("metrics.jsonl"), "{\"step\":1,\"loss\":99.0}\n{\"step\":2,\"lo");
    }
    Quickstart killed = new Quickstart(miniature(), out, new PrintStream(log, true));
    assertEquals(sft, killed.sft(killed.pretrained(w2, c2), w2, c2));
    assertEquals(rl, killed.rl(RlVariant.SFT_PA_GRPO, sft, w2, c2));
    assertArrayEquals(sftWeights, Files.readAllBytes(sft.resolve("model.safetensors")));
    assertArrayEquals(rlWeights, Files.readAllBytes(rl.resolve("model.safetensors")));
    assertFalse(Files.readString(rlDir.resolve("metrics.jsonl")).contains("99.0"), "the killed attempt's rows");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
