package dev.videop2r.model.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Dropout masks follow (seed, step, draw) only: what makes a resumed LoRA run byte-identical. */
class LoraDropoutTest {
  private static final String WEIGHT = LoraSpec.weightName(1, "q_proj");

  private static float[][] twoDraws(LoraAdapters adapters, NDArray x, long seed, long step) {
    adapters.seedDropout(seed, step);
    return new float[][] {adapters.delta(WEIGHT, x, true).toFloatArray(),
        adapters.delta(WEIGHT, x, true).toFloatArray()};
  }

  @Test
  void aStepDrawsTheSameMasksWhateverTheEngineStreamDidBefore() {
    try (NDManager m = NDManager.newBaseManager();
        LoraAdapters adapters = LoraAdapters.init(PeftFormatTest.CONFIG,
            new LoraSpec(4, 8, 0.5, Set.of("q_proj")), 3, m)) {
      adapters.parameters().get(LoraAdapters.bName(WEIGHT)).addi(1);
      NDArray x = m.ones(new Shape(2, 5, PeftFormatTest.CONFIG.hiddenSize()), DataType.FLOAT32);
      float[][] first = twoDraws(adapters, x, 7, 3);
      Engine.getInstance().setRandomSeed(12345);
      m.randomUniform(0, 1, new Shape(100)); // the engine's stream moves on, as other steps' draws move it
      float[][] again = twoDraws(adapters, x, 7, 3);
      assertArrayEquals(first[0], again[0]);
      assertArrayEquals(first[1], again[1]);
      assertFalse(Arrays.equals(first[0], first[1]), "each draw of a step gets its own mask");
      assertFalse(Arrays.equals(first[0], twoDraws(adapters, x, 7, 4)[0]), "another step, other masks");
      assertFalse(Arrays.equals(first[0], twoDraws(adapters, x, 8, 3)[0]), "another seed, other masks");
    }
  }
}
