package dev.videop2r.model.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.model.QwenConfig;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemoryPlannerTest {

  private static final QwenConfig SEVEN = PublishedConfigs.get("qwen2.5-vl-7b");
  private static final QwenConfig THREE = PublishedConfigs.get("qwen2.5-vl-3b");

  private static RunShape rl(QwenConfig c, RunShape.Lora lora, boolean reference, int bytes) {
    return new RunShape(c, RunShape.Stage.RL, 16, 128 * 28 * 28, 256, 768, 8, 8, bytes, lora, false, reference,
        false, false);
  }

  @Test
  void parameterCountsMatchThePublishedModels() {
    // spec qwen25vl.md section 0.1: totals computed from the checkpoint shapes (3B ties lm_head).
    assertEquals(8_292_166_656L, MemoryPlanner.plan(rl(SEVEN, null, true, 2)).parameters());
    assertEquals(3_754_622_976L, MemoryPlanner.plan(rl(THREE, null, true, 2)).parameters());
  }

  @Test
  void kvCacheIsTwoTensorsPerLayerPerToken() {
    // spec: 7B caches 28 layers x 2 x 4 kv heads x 128 = 28,672 values per token, 56 KiB in bfloat16.
    MemoryPlanner.Plan plan = MemoryPlanner.plan(rl(SEVEN, null, true, 2));
    long tokens = 256 + 8 * 128 + 768;
    assertEquals(8 * tokens * 57_344L, component(plan.sampling(), "KV cache"));
  }

  @Test
  void videoTokensFollowQwensPixelBudget() {
    RunShape s = rl(SEVEN, null, true, 2);
    // 16 frames -> 8 temporal groups of 128 merged tokens; four patch rows per merged token.
    assertEquals(1024, s.videoTokens());
    assertEquals(4096, s.visionRows());
    assertEquals(256 + 1024 + 768, s.sequenceTokens());
  }

  @Test
  void loraCountsRankTimesInPlusOutPerAdaptedLayer() {
    RunShape.Lora qOnly = new RunShape.Lora(8, Set.of("q_proj"));
    // 7B q_proj is 3584 -> 3584: A is 8 x 3584, B is 3584 x 8, in each of 28 layers.
    assertEquals(28L * 8 * (3584 + 3584), MemoryPlanner.adapterParameters(SEVEN, qOnly));
    RunShape.Lora down = new RunShape.Lora(4, Set.of("down_proj"));
    assertEquals(28L * 4 * (18944 + 3584), MemoryPlanner.adapterParameters(SEVEN, down));
  }

  @Test
  void fullFineTuningKeepsAReferenceAndMomentsLoraDoesNot() {
    MemoryPlanner.Plan full = MemoryPlanner.plan(rl(SEVEN, null, true, 2));
    long weights = component(full.persistent(), "weights");
    assertEquals(weights, component(full.persistent(), "reference model"));
    // Decoder trainable (vision frozen): 2 B gradients and 2 x 2 B moments per trainable value.
    assertEquals(2 * full.trainable(), component(full.persistent(), "gradients"));
    assertEquals(4 * full.trainable(), component(full.persistent(), "optimizer (AdamW)"));

    MemoryPlanner.Plan lora = MemoryPlanner.plan(rl(SEVEN, new RunShape.Lora(16, Set.copyOf(
        RunShape.Lora.ALL_TARGETS)), true, 2));
    assertTrue(lora.persistent().stream().noneMatch(c -> c.name().equals("reference model")));
    assertEquals(lora.trainable() * 4, component(lora.persistent(), "adapters"));
    assertTrue(lora.peakBytes() < full.peakBytes());
  }

  @Test
  void peakIsPersistentPlusTheLargerPhase() {
    MemoryPlanner.Plan plan = MemoryPlanner.plan(rl(THREE, null, true, 2));
    assertEquals(plan.persistentBytes() + Math.max(plan.samplingBytes(), plan.updateBytes()), plan.peakBytes());
  }

  @Test
  void storedAttentionScoresFollowTheCausalChunks() {
    // Queries in chunks of 256 against the keys up to the chunk's end: 512 tokens compute 256·256 + 256·512 pairs.
    assertEquals(256L * 256 + 256L * 512, MemoryPlanner.computedScores(512));
    assertEquals(100L * 100, MemoryPlanner.computedScores(100));
    RunShape longRun = new RunShape(THREE, RunShape.Stage.SFT, 0, 0, 1024, 1024, 1, 1, 4, null, false, false,
        false, false);
    RunShape fused = new RunShape(THREE, RunShape.Stage.SFT, 0, 0, 1024, 1024, 1, 1, 4, null, false, false, false,
        true);
    // Float32: the layer in flight holds four copies of the 16-head scores, the backward keeps the softmax output.
    long pairs = MemoryPlanner.computedScores(2048);
    assertEquals(pairs * 16 * 16, MemoryPlanner.decoderLayerForward(THREE, longRun, 2048)
        - MemoryPlanner.decoderLayerForward(THREE, fused, 2048));
    assertEquals(pairs * 16 * 4, MemoryPlanner.decoderLayerSaved(THREE, longRun, 2048)
        - MemoryPlanner.decoderLayerSaved(THREE, fused, 2048));
  }

  @Test
  void checkpointingKeepsLayerInputsAndRecomputesOneLayer() {
    RunShape plain = rl(SEVEN, null, true, 2);
    RunShape checkpointed = new RunShape(SEVEN, RunShape.Stage.RL, 16, 128 * 28 * 28, 256, 768, 8, 8, 2, null,
        false, true, true, false);
    long tokens = plain.sequenceTokens();
    long withCheckpoint = MemoryPlanner.decoderForward(SEVEN, checkpointed, tokens, true);
    long saved = MemoryPlanner.decoderLayerSaved(SEVEN, checkpointed, tokens);
    long layer = MemoryPlanner.decoderLayerForward(SEVEN, checkpointed, tokens);
    long without = MemoryPlanner.decoderForward(SEVEN, plain, tokens, false);
    assertEquals(without - 28 * saved + 28 * tokens * 3584 * 2 + layer, withCheckpoint);
    assertTrue(MemoryPlanner.plan(checkpointed).updateBytes() < MemoryPlanner.plan(plain).updateBytes() / 2);
  }

  @Test
  void badShapesNameTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RunShape(SEVEN,
        RunShape.Stage.SFT, 16, 100352, 256, 768, 8, 1, 2, null, false, false, false, false));
    assertTrue(e.getMessage().contains("rollouts"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new RunShape.Lora(8, Set.of("qkv")));
    assertTrue(e.getMessage().contains("qkv"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PublishedConfigs.get("qwen2.5-vl-72b"));
    assertTrue(e.getMessage().contains("qwen2.5-vl-72b"), e.getMessage());
  }

  private static long component(java.util.List<MemoryPlanner.Component> components, String name) {
    return components.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().bytes();
  }
}
