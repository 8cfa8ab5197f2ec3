package dev.videop2r.cli;

import ai.djl.ndarray.types.DataType;
import dev.videop2r.model.device.ComputeDevice;
import dev.videop2r.model.device.NativeRuntime;
import dev.videop2r.training.WeightType;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The one option group of a command that runs a local checkpoint ({@code infer}, {@code eval run}, {@code model
 * check}, {@code serve}): which weights, which adapter, in which type, on which device. {@code sft} and {@code rl}
 * take the same flags from their run spec ({@code inputs.model}, {@code inputs.dtype}, {@code inputs.device}).
 */
public final class LocalModelOptions {
  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "A local Qwen2.5-VL checkpoint directory in HF layout (config.json, safetensors, tokenizer.json).")
  Path model;

  @Option(names = "--adapter", paramLabel = "DIR",
      description = "A PEFT LoRA adapter directory (adapter_config.json + adapter_model.safetensors) applied to"
          + " --model.")
  Path adapter;

  @Option(names = "--dtype", defaultValue = "float32", paramLabel = "float32|float16",
      description = "Weight type: float32 or float16 (default: ${DEFAULT-VALUE}; no bfloat16, docs/model.md).")
  WeightType dtype;

  @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE",
      description = "Where the model runs: cpu, cuda (the first GPU) or cuda:N (default: ${DEFAULT-VALUE}). A GPU"
          + " needs libtorch's CUDA natives (docs/gpu.md).")
  String device;

  public Path model() {
    return model;
  }

  public Path adapter() {
    return adapter;
  }

  public DataType dataType() {
    return dtype.dataType();
  }

  /** The device named by {@code --device}; a wrong spelling is an error naming the flag. */
  public ComputeDevice device() {
    try {
      return ComputeDevice.parse(device);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--device " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a device this process cannot use (naming the fix), prints the start-up line (engine, libtorch, flavor,
   * device, dtype) to {@code log}, and returns the device.
   */
  public ComputeDevice announce(PrintWriter log) {
    ComputeDevice d = device();
    try {
      NativeRuntime.announce(d, dataType(), log);
    } catch (NativeRuntime.DeviceUnavailableException e) {
      throw new IllegalArgumentException("--device: " + e.getMessage(), e);
    }
    return d;
  }
}
