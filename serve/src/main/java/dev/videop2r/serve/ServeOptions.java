package dev.videop2r.serve;

import dev.videop2r.data.FrameRequest;
import java.nio.file.Path;

/**
 * How a server listens and what it accepts.
 *
 * @param host the address to bind (loopback by default: serving beyond the machine is a deliberate choice)
 * @param port 0 for any free port
 * @param apiKey the bearer key clients must send, or null for none (read from an environment variable by the caller)
 * @param mediaRoot the directory media paths may name, or null to accept data: URLs only
 * @param frames how videos given as files are sampled, and the pixel budget of every image and frame
 * @param weightReload whether {@code POST /v1/load_weights} may replace the weights (a trainer's weight sync)
 * @param lora whether vLLM's {@code /v1/load_lora_adapter} and {@code /v1/unload_lora_adapter} are served
 */
public record ServeOptions(String host, int port, String apiKey, Path mediaRoot, FrameRequest frames,
    ServeLimits limits, boolean weightReload, boolean lora) {}
