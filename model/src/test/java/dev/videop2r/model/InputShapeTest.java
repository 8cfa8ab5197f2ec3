package dev.videop2r.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inputs of the wrong shape are refused before any compute, naming the expected and the actual shape. */
class InputShapeTest {

  @Test
  void aMaskOfAnotherShapeThanTheIdsIsNamed() {
    try (NDManager manager = NDManager.newBaseManager();
        QwenVLModel model = QwenVLModel.init(TestModels.tiny(false), 1, manager)) {
      var ids = manager.create(new long[] {1, 2, 3, 4, 5, 6}, new Shape(1, 6));
      var mask = manager.create(new long[] {1, 1, 1, 1, 1}, new Shape(1, 5));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> model.forward(ids, mask, List.of()));
      assertEquals("attentionMask must have the shape of inputIds: expected (1, 6), got (1, 5)", e.getMessage());
    }
  }
}
