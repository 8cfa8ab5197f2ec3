package dev.videop2r.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.io.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@code videop2r score} input file of synthetic completions in the RL set's type mix, for timing the
 * command end to end. Usage: {@code WriteScoreInput <output.jsonl> [count, default 263071]}.
 */
public final class WriteScoreInput {

  private WriteScoreInput() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: WriteScoreInput <output.jsonl> [count]");
      System.exit(2);
    }
    int count = args.length == 2 ? Integer.parseInt(args[1]) : MixedSetBenchmark.RL_SET_SIZE;
    ObjectMapper json = Json.MAPPER;
    SyntheticCompletions source = new SyntheticCompletions(11);
    try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        SyntheticCompletions.Item item = source.nextMixed();
        ObjectNode record = json.createObjectNode().put("id", i).put("problem_type", item.type().wireName())
            .put("solution", item.groundTruth()).put("completion", item.completion());
        item.options().forEach(record.putArray("options")::add);
        out.write(json.writeValueAsString(record));
        out.newLine();
      }
    }
  }
}
