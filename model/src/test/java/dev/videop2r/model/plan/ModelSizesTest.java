package dev.videop2r.model.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.model.QwenConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSizesTest {

  private static long parameters(QwenConfig c) {
    return MemoryPlanner.plan(new RunShape(c, RunShape.Stage.SFT, 8, 12544, 64, 128, 1, 1, 4, null, false, false,
        false, false)).parameters();
  }

  @Test
  void halfIsQwen25HalfBillionsDecoderWithEightVisionBlocks() {
    QwenConfig half = ModelSizes.config("half", ModelSizes.topOfVocabulary("half"));
    // Qwen2.5-0.5B: 896 hidden, 24 layers, 14 heads of 64, 2 kv heads, 4,864 MLP, 151,936 tied embeddings.
    assertEquals(896, half.hiddenSize());
    assertEquals(24, half.numHiddenLayers());
    assertEquals(2, half.numKeyValueHeads());
    assertEquals(151_936, half.vocabSize());
    assertTrue(half.tieWordEmbeddings());
    assertEquals(8, half.vision().depth());
    // The figure docs/model.md's memory check and docs/benchmarks.md's end-to-end runs report.
    assertEquals(683_964_864L, parameters(half));
  }

  @Test
  void specialTokenIdsComeFromTheTokenizer() {
    Map<String, Integer> ids = Map.of("<|endoftext|>", 20, "<|im_end|>", 21, "<|vision_start|>", 22,
        "<|vision_end|>", 23, "<|vision_pad|>", 24, "<|image_pad|>", 25, "<|video_pad|>", 26);
    QwenConfig tiny = ModelSizes.config("tiny", ids::get);
    assertEquals(1024, tiny.vocabSize());
    assertEquals(20, tiny.bosTokenId());
    assertArrayEquals(new int[] {21, 20}, tiny.eosTokenIds());
    assertEquals(List.of(22, 23, 24, 25, 26), List.of(tiny.visionStartTokenId(), tiny.visionEndTokenId(),
        tiny.visionTokenId(), tiny.imageTokenId(), tiny.videoTokenId()));
    QwenConfig top = ModelSizes.config("tiny", ModelSizes.topOfVocabulary("tiny"));
    assertEquals(1023, top.videoTokenId());
    assertEquals(1017, top.bosTokenId());
  }

  @Test
  void badSizesAndIdsAreNamed() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> ModelSizes.config("huge", ModelSizes.topOfVocabulary("tiny")));
    assertEquals("unknown size 'huge' (known: [half, mid, tiny])", unknown.getMessage());
    IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
        () -> ModelSizes.config("tiny", token -> token.equals("<|video_pad|>") ? 151_656 : 1));
    assertEquals("size 'tiny' has a vocabulary of 1024 tokens; the tokenizer's <|video_pad|> is id 151656",
        outside.getMessage());
  }
}
