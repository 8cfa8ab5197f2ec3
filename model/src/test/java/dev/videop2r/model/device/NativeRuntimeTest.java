package dev.videop2r.model.device;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class NativeRuntimeTest {

  /** This build bundles DJL 0.35's CPU natives of libtorch 2.7.1 (model/pom.xml); no GPU is reachable here. */
  @Test
  void theLoadedRuntimeIsTheBundledCpuBuild() {
    NativeRuntime runtime = NativeRuntime.current();
    assertEquals("2.7.1", runtime.libtorch());
    assertEquals("cpu", runtime.flavor());
    assertEquals(0, runtime.gpus());
    assertEquals("engine PyTorch (DJL 0.35.0), libtorch 2.7.1 (cpu), device cpu, dtype float32",
        runtime.line(ComputeDevice.CPU, DataType.FLOAT32));
  }

  @Test
  void flavorComesFromDjlsCacheDirectoryName() {
    assertEquals("cpu", NativeRuntime.flavor("/root/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64", null, false));
    assertEquals("cu128", NativeRuntime.flavor("/home/u/.djl.ai/pytorch/2.7.1-cu128-linux-x86_64", "cu124", true));
    assertEquals("cu124", NativeRuntime.flavor("/c/2.5.1-cu124-precxx11-linux-x86_64", null, true));
    String wheel = "/venv/lib/python3.12/site-packages/torch/lib";
    assertEquals("cu128", NativeRuntime.flavor(wheel, "cu128", true));
    assertEquals("cuda", NativeRuntime.flavor(wheel, null, true));
    assertEquals("cpu", NativeRuntime.flavor(wheel, " ", false));
  }

  @Test
  void aGpuOnACpuBuildIsOneLineNamingTheDeviceAndTheFix() {
    NativeRuntime cpu = new NativeRuntime("PyTorch (DJL 0.35.0)", "2.7.1", "cpu", "/cache/2.7.1-cpu-linux-x86_64", 0);
    assertDoesNotThrow(() -> cpu.require(ComputeDevice.CPU));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cpu.require(ComputeDevice.parse("cuda")));
    String m = e.getMessage();
    assertTrue(m.startsWith("cuda:0: the loaded libtorch 2.7.1 (cpu, /cache/2.7.1-cpu-linux-x86_64) is a"
        + " CPU build; get CUDA natives"), m);
    assertTrue(m.contains("PYTORCH_LIBRARY_PATH=") && m.contains("PYTORCH_FLAVOR=cu128")
        && m.contains("PYTORCH_VERSION=2.7.1") && m.contains("torch==2.7.1") && m.contains("docs/gpu.md"), m);
    assertFalse(m.contains("\n"), m);
  }

  @Test
  void aGpuIndexPastTheDevicesNamesTheOnesThereAre() {
    NativeRuntime two = new NativeRuntime("PyTorch (DJL 0.35.0)", "2.7.1", "cu128", "/x/2.7.1-cu128-linux-x86_64", 2);
    assertDoesNotThrow(() -> two.require(ComputeDevice.parse("cuda:1")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> two.require(ComputeDevice.parse("cuda:2")));
    assertEquals("cuda:2: this machine has 2 CUDA devices (cuda:0..cuda:1)", e.getMessage());
  }

  @Test
  void announcePrintsTheLineOnlyForAReachableDevice() {
    StringWriter log = new StringWriter();
    NativeRuntime.announce(ComputeDevice.CPU, DataType.FLOAT16, new PrintWriter(log));
    assertEquals(NativeRuntime.current().line(ComputeDevice.CPU, DataType.FLOAT16) + System.lineSeparator(),
        log.toString());
    StringWriter none = new StringWriter();
    assertThrows(NativeRuntime.DeviceUnavailableException.class,
        () -> NativeRuntime.announce(new ComputeDevice(0), DataType.FLOAT32, new PrintWriter(none)));
    assertEquals("", none.toString());
  }
}
