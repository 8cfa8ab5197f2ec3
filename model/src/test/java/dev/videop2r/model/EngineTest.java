package dev.videop2r.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

/** The PyTorch engine loads from the natives jar on the classpath (no download). */
class EngineTest {

  @Test
  void pytorchCpuNativesComeFromTheClasspath() {
    assertNotNull(getClass().getClassLoader().getResource("native/lib/pytorch.properties"),
        "pytorch-native-cpu jar must be on the classpath");
    Engine engine = Engine.getInstance();
    assertEquals("PyTorch", engine.getEngineName());
    assertEquals("2.7.1", engine.getVersion());
  }
}
