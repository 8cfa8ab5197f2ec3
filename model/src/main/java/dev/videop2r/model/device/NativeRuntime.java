package dev.videop2r.model.device;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.LibUtils;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deep-learning runtime this process loaded: DJL's engine, the libtorch version and build flavor ({@code cpu}
 * or {@code cu128}, ...), and how many CUDA devices that build sees. Says so in one line when a command starts,
 * and refuses a GPU the runtime cannot reach with the fix in the message (docs/gpu.md § CUDA natives).
 *
 * @param engine DJL's engine name and version ({@code PyTorch (DJL 0.35.0)})
 * @param libtorch the libtorch version the JNI loaded
 * @param flavor {@code cpu}, {@code cuNNN}, or {@code cuda} when a CUDA build's version is not in its path
 * @param libraryPath where libtorch was loaded from
 * @param gpus CUDA devices usable by this build (0 for a CPU build)
 */
public record NativeRuntime(String engine, String libtorch, String flavor, String libraryPath, int gpus) {
  /** DJL's cache names a build {@code <version>[-<date>]-<flavor>[-precxx11]-<os>-<arch>}. */
  private static final Pattern FLAVOR_IN_PATH = Pattern.compile("(?:^|-)(cpu|cu\\d{3,4})(?:-precxx11)?-");

  /** The runtime of this process (loads the engine if nothing has yet). */
  public static NativeRuntime current() {
    Engine engine = Engine.getInstance();
    boolean cuda = engine.hasCapability(StandardCapabilities.CUDA);
    String path = LibUtils.getLibtorchPath();
    return new NativeRuntime(engine.getEngineName() + " (DJL " + Engine.getDjlVersion() + ")", LibUtils.getVersion(),
        flavor(path, System.getenv("PYTORCH_FLAVOR"), cuda), path, cuda ? engine.getGpuCount() : 0);
  }

  /**
   * The build flavor from the library's directory name (DJL's cache names it); for a library elsewhere (a pip
   * wheel's torch/lib) the {@code PYTORCH_FLAVOR} that chose DJL's JNI glue, else whether it has CUDA at all.
   */
  static String flavor(String libraryPath, String envFlavor, boolean cuda) {
    Path dir = Path.of(libraryPath).getFileName();
    Matcher m = FLAVOR_IN_PATH.matcher(dir == null ? "" : dir.toString().toLowerCase(Locale.ROOT));
    if (m.find()) {
      return m.group(1);
    }
    if (envFlavor != null && !envFlavor.isBlank()) {
      return envFlavor.strip();
    }
    return cuda ? "cuda" : "cpu";
  }

  /** The one start-up line: engine, libtorch version, flavor, device and dtype. */
  public String line(ComputeDevice device, DataType dtype) {
    return "engine " + engine + ", libtorch " + libtorch + " (" + flavor + "), device " + device + ", dtype "
        + dtype.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Refuses {@code device} when this runtime cannot run on it, naming the device and the fix: a CPU build of
   * libtorch has no CUDA; a CUDA build has only {@link #gpus} devices. The caller names the setting it came from.
   */
  public void require(ComputeDevice device) {
    if (!device.gpu()) {
      return;
    }
    if (gpus == 0) {
      throw new DeviceUnavailableException(device + ": the loaded libtorch " + libtorch + " (" + flavor
          + ", " + libraryPath + ") " + (flavor.equals("cpu") ? "is a CPU build" : "sees no CUDA device")
          + "; get CUDA natives: install libtorch " + libtorch + " for CUDA 12 (e.g. pip install torch==" + libtorch
          + " --index-url https://download.pytorch.org/whl/cu128) and export PYTORCH_LIBRARY_PATH=<its torch/lib>"
          + " PYTORCH_VERSION=" + libtorch + " PYTORCH_FLAVOR=cu128 (docs/gpu.md § CUDA natives), or use cpu");
    }
    if (device.gpuIndex() >= gpus) {
      throw new DeviceUnavailableException(device + ": this machine has " + gpus + " CUDA device"
          + (gpus == 1 ? "" : "s") + " (cuda:0" + (gpus == 1 ? "" : "..cuda:" + (gpus - 1)) + ")");
    }
  }

  /**
   * What every command that runs a model does first, before it reads any weights: refuses an unreachable
   * {@code device} ({@link DeviceUnavailableException}) and prints the start-up line to {@code log}.
   */
  public static void announce(ComputeDevice device, DataType dtype, PrintWriter log) {
    NativeRuntime runtime = current();
    runtime.require(device);
    log.println(runtime.line(device, dtype));
    log.flush();
  }

  /** A device this process's runtime cannot run on; the message names the device and the fix. */
  public static final class DeviceUnavailableException extends IllegalArgumentException {
    DeviceUnavailableException(String message) {
      super(message);
    }
  }
}
