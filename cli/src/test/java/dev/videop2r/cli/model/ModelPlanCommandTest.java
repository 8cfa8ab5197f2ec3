package dev.videop2r.cli.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.cli.CliRun;
import org.junit.jupiter.api.Test;

class ModelPlanCommandTest {

  @Test
  void plansAPublishedModelAndJudgesEachGpuSize() {
    CliRun r = CliRun.of("model", "plan", "--published", "qwen2.5-vl-3b", "--stage", "sft", "--frames", "0",
        "--prompt-tokens", "128", "--response-tokens", "128", "--lora-rank", "16", "--fused-attention",
        "--gpu-gib", "1,1000");
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("3,754,622,976 parameters"), r.out());
    assertTrue(r.out().contains("adapters"), r.out());
    assertTrue(!r.out().contains("sampling"), "SFT has no rollout phase: " + r.out());
    assertTrue(r.out().contains("1 GiB: does not fit; 1000 GiB: fits"), r.out());
  }

  @Test
  void paperSettingPrintsFullAndLoraWithAndWithoutFusedAttention() {
    CliRun r = CliRun.of("model", "plan", "--paper");
    assertEquals(0, r.exit(), r.out() + r.err());
    assertEquals(4, r.out().lines().filter(l -> l.startsWith("Paper setting")).count(), r.out());
    assertTrue(r.out().contains("8,292,166,656 parameters"), r.out());
    assertEquals(4, r.out().lines().filter(l -> l.contains("80 GiB:") && l.contains("141 GiB:")).count(), r.out());
  }

  @Test
  void badValuesNameTheFlag() {
    CliRun r = CliRun.of("model", "plan", "--published", "qwen2.5-vl-7b", "--dtype", "int4");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--dtype"), r.err());
    r = CliRun.of("model", "plan", "--published", "qwen2.5-vl-7b", "--lora-rank", "8", "--lora-targets", "qkv");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("qkv"), r.err());
    r = CliRun.of("model", "plan", "--published", "qwen2.5-vl-7b", "--paper");
    assertEquals(2, r.exit(), r.err());
  }
}
