package dev.videop2r.model.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class ComputeDeviceTest {

  @Test
  void readsCudaSpellingsAndServesOldGpuOnes() {
    assertEquals(ComputeDevice.CPU, ComputeDevice.parse(" CPU "));
    assertEquals(new ComputeDevice(0), ComputeDevice.parse("cuda"));
    assertEquals(new ComputeDevice(2), ComputeDevice.parse("cuda:2"));
    assertEquals(new ComputeDevice(0), ComputeDevice.parse("gpu"));
    assertEquals(new ComputeDevice(1), ComputeDevice.parse("GPU:1"));
    assertEquals("cuda:0", ComputeDevice.parse("cuda").toString());
    assertEquals("cpu", ComputeDevice.CPU.toString());
    assertEquals(Device.gpu(3), ComputeDevice.parse("cuda:3").djl());
    assertEquals(Device.cpu(), ComputeDevice.CPU.djl());
  }

  @Test
  void refusesOtherSpellingsListingTheAcceptedOnes() {
    for (String bad : new String[] {"", "tpu", "cuda:", "cuda:-1", "cuda:x", "mps", "cuda0"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ComputeDevice.parse(bad));
      assertTrue(e.getMessage().contains("must be cpu, cuda or cuda:N, got '" + bad + "'"), e.getMessage());
    }
  }
}
