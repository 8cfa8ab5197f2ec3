package dev.videop2r.serve.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.io.Json;
import dev.videop2r.model.lora.LoraAdapters;
import dev.videop2r.model.lora.PeftFormat;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * LoRA sync, the design and vLLM's: after each optimizer step the trainer saves its adapter (PEFT layout)
 * under {@code dir/step-N}, every live server loads it through {@code POST /v1/load_lora_adapter} as
 * {@code <model>-step-N}, rollout requests ask for that name, and the previous step's adapter is unloaded. The
 * servers must see {@code dir} at the same path (one machine or a shared filesystem); a few MB move per step
 * instead of the whole model. A server that cannot load the adapter is dropped (its rollouts would be stale).
 * Our {@code serve --enable-lora} and vLLM ({@code --enable-lora}, {@code VLLM_ALLOW_RUNTIME_LORA_UPDATING=True},
 * {@code --max-lora-rank} at least the adapter's) both answer these routes.
 */
public final class LoraWeightSync implements WeightSync {
  private static final ObjectMapper JSON = Json.MAPPER;

  private final LoraAdapters adapters;
  private final Path dir;
  private String previous;

  /** @param adapters the policy's adapters, trained in place */
  public LoraWeightSync(LoraAdapters adapters, Path dir) {
    this.adapters = adapters;
    this.dir = dir.toAbsolutePath().normalize();
  }

  @Override
  public String publish(int step, RolloutServers servers, String model) {
    String name = model + "-step-" + step;
    Path target = dir.resolve("step-" + step);
    PeftFormat.save(adapters, target, model);
    String load = JSON.createObjectNode().put("lora_name", name).put("lora_path", target.toString()).toString();
    try {
      for (String server : servers.live()) {
        try {
          HttpResponse<String> reply = servers.post(server, "/load_lora_adapter", load);
          if (reply.statusCode() != 200) {
            servers.drop(server, "adapter load answered " + reply.statusCode() + ": " + reply.body());
          } else if (previous != null && !previous.equals(name)) {
            // best effort: an adapter left loaded costs the server memory, not correctness
            servers.post(server, "/unload_lora_adapter",
                JSON.createObjectNode().put("lora_name", previous).toString());
          }
        } catch (IOException e) {
          servers.drop(server, "adapter load failed: " + e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the adapter sync", e);
    }
    previous = name;
    return name;
  }
}
