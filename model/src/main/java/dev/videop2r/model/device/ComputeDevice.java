package dev.videop2r.model.device;

import ai.djl.Device;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a model runs, as the command line and run specs spell it: {@code cpu}, {@code cuda} (the first GPU) or
 * {@code cuda:N}; {@code gpu} and {@code gpu:N} (the spelling {@code serve} took first) are read the same.
 *
 * @param gpuIndex the CUDA device number, or -1 for the CPU
 */
public record ComputeDevice(int gpuIndex) {
  private static final Pattern SPELLING = Pattern.compile("cpu|(?:cuda|gpu)(?::(\\d{1,4}))?");

  public static final ComputeDevice CPU = new ComputeDevice(-1);

  public ComputeDevice {
    if (gpuIndex < -1) {
      throw new IllegalArgumentException("GPU index must be >= 0, got " + gpuIndex);
    }
  }

  /** The device {@code text} names; anything else is an error listing the accepted spellings. */
  public static ComputeDevice parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SPELLING.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("must be cpu, cuda or cuda:N, got '" + text + "'");
    }
    if (t.equals("cpu")) {
      return CPU;
    }
    return new ComputeDevice(m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
  }

  public boolean gpu() {
    return gpuIndex >= 0;
  }

  /** DJL's device. */
  public Device djl() {
    return gpu() ? Device.gpu(gpuIndex) : Device.cpu();
  }

  /** The canonical spelling: {@code cpu} or {@code cuda:N}. */
  @Override
  public String toString() {
    return gpu() ? "cuda:" + gpuIndex : "cpu";
  }
}
