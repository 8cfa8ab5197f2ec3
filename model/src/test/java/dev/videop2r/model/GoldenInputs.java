package dev.videop2r.model;

import dev.videop2r.testkit.TestData;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.videop2r.model.io.SafetensorsFile;
import java.nio.file.Path;
import java.util.List;

/** The tiny-a golden inputs as arrays. */
record GoldenInputs(NDArray ids, NDArray mask, List<VisualInputs> visuals) {

  static final Path DIR = TestData.golden("qwen25vl-tiny-a");

  static GoldenInputs load(NDManager manager) {
    try (SafetensorsFile f = SafetensorsFile.open(DIR.resolve("inputs.safetensors"))) {
      Shape shape = new Shape(f.info("input_ids").shape());
      return new GoldenInputs(manager.create(f.longs("input_ids"), shape),
          manager.create(f.longs("attention_mask"), shape), ParityCheck.visuals(f));
    }
  }
}
