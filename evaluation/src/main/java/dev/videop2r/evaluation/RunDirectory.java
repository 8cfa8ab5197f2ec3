package dev.videop2r.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.io.AtomicFiles;
import dev.videop2r.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One evaluation run on disk: {@code run.json} (settings), {@code predictions.jsonl} (the append-only
 * journal), {@code score.json} (the benchmark score), {@code scores.jsonl} (per-item scores) and
 * {@code mismatch.json} (think–answer mismatch). Whole files are written to a temporary file and moved
 * into place, so a crash never leaves half a file.
 */
public final class RunDirectory {

  private final Path dir;

  public RunDirectory(Path dir) {
    this.dir = dir;
  }

  public Path path() {
    return dir;
  }

  public Path predictions() {
    return dir.resolve("predictions.jsonl");
  }

  public boolean isRun() {
    return Files.isRegularFile(dir.resolve("run.json"));
  }

  public Optional<RunConfig> config() {
    Path file = dir.resolve("run.json");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readValue(file.toFile(), RunConfig.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public void writeConfig(RunConfig config) {
    write("run.json", config);
  }

  public void writeScore(BenchmarkScore score, List<ScoredItem> items) {
    StringBuilder lines = new StringBuilder();
    try {
      for (ScoredItem item : items) {
        lines.append(Json.MAPPER.writeValueAsString(item)).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writeText("scores.jsonl", lines.toString());
    write("score.json", score);
  }

  public Optional<JsonNode> score() {
    return readTree("score.json");
  }

  public void writeMismatch(MismatchReport report) {
    write("mismatch.json", report);
  }

  public Optional<JsonNode> mismatch() {
    return readTree("mismatch.json");
  }

  private Optional<JsonNode> readTree(String name) {
    Path file = dir.resolve(name);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void write(String name, Object value) {
    try {
      writeText(name, Json.PRETTY.writeValueAsString(value) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise " + name + ": " + e.getMessage(), e);
    }
  }

  private void writeText(String name, String text) {
    Path target = dir.resolve(name);
    try {
      AtomicFiles.write(target, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
