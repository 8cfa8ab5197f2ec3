package dev.videop2r.serve.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Full-weight sync through {@code POST /v1/load_weights} of {@code videop2r serve}: the trainer saves the policy into
 * a fresh directory under {@code dir} (which every server must see at the same path: one machine, or a shared
 * filesystem), each live server loads it, and the previous directory is deleted. A server that cannot load it is
 * dropped, since its rollouts would come from stale weights.
 */
public final class ReloadWeightSync implements WeightSync {
  private static final ObjectMapper JSON = Json.MAPPER;

  private final Consumer<Path> save;
  private final Path dir;
  private Path previous;

  /** @param save writes the current policy into an empty directory in HF layout (config.json, safetensors) */
  public ReloadWeightSync(Consumer<Path> save, Path dir) {
    this.save = save;
    this.dir = dir.toAbsolutePath().normalize();
  }

  @Override
  public String publish(int step, RolloutServers servers, String model) {
    Path target = dir.resolve("step-" + step);
    try {
      deleteTree(target);
      Files.createDirectories(dir);
      save.accept(target);
      String body = JSON.createObjectNode().put("path", target.toString()).toString();
      for (String server : servers.live()) {
        try {
          HttpResponse<String> reply = servers.post(server, "/load_weights", body);
          if (reply.statusCode() != 200) {
            servers.drop(server, "weight reload answered " + reply.statusCode() + ": " + reply.body());
          }
        } catch (IOException e) {
          servers.drop(server, "weight reload failed: " + e);
        }
      }
      if (previous != null && !previous.equals(target)) {
        deleteTree(previous);
      }
      previous = target;
      return model;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the policy for the rollout servers to " + target, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the weight sync", e);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> files = Files.walk(p)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
