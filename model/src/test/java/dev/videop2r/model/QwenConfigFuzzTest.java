package dev.videop2r.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.testkit.fuzz.ByteMutations;
import dev.videop2r.testkit.fuzz.FuzzRun;
import dev.videop2r.testkit.fuzz.JsonMutations;
import dev.videop2r.testkit.fuzz.Sandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A malformed {@code config.json} (damaged bytes, values of the wrong type, zero or negative or overflowing sizes,
 * deep nesting) ends in an error naming the file (docs/core.md, "Fuzzing").
 */
class QwenConfigFuzzTest {

  @TempDir Path dir;

  @Test
  void malformedConfigsEndInAnErrorNamingTheFile() throws Exception {
    Sandbox sandbox = Sandbox.under(dir);
    Path validFile = sandbox.out().resolve("valid.json");
    TestModels.tinyA().write(validFile, "float32");
    byte[] valid = Files.readAllBytes(validFile);
    JsonNode tree = JsonMutations.parse(Files.readString(validFile));
    Path file = sandbox.in().resolve("config.json");
    new FuzzRun("config.json", 0xC0F1_6L, sandbox, file.toString()).run(300,
        random -> random.nextInt(3) == 0 ? ByteMutations.damage(valid, random) : JsonMutations.damage(tree, random),
        input -> {
          Files.write(file, input.bytes());
          QwenConfig.read(file);
        });
  }

  /** Configs that once escaped as "/ by zero" or were read with a size bent to 0 or 1 (docs/core.md, "Fuzzing"). */
  @Test
  void sizesThatOnceDividedByZeroOrWereBentAreRefusedByName() throws Exception {
    Sandbox sandbox = Sandbox.under(dir);
    Path validFile = sandbox.out().resolve("valid.json");
    TestModels.tinyA().write(validFile, "float32");
    ObjectNode tree = (ObjectNode) JsonMutations.parse(Files.readString(validFile));
    List<ByteMutations.Damaged> inputs = List.of(
        edited(tree, "num_attention_heads = 0", c -> c.put("num_attention_heads", 0)),
        edited(tree, "num_attention_heads = -0.5", c -> c.put("num_attention_heads", -0.5)),
        edited(tree, "vision num_heads = 0", c -> ((ObjectNode) c.get("vision_config")).put("num_heads", 0)),
        edited(tree, "vision spatial_merge_size = 0",
            c -> ((ObjectNode) c.get("vision_config")).put("spatial_merge_size", 0)),
        edited(tree, "vision patch_size = 0.5", c -> ((ObjectNode) c.get("vision_config")).put("patch_size", 0.5)),
        edited(tree, "intermediate_size = -1", c -> c.put("intermediate_size", -1)),
        edited(tree, "mrope_section holds strings", c -> c.with("rope_scaling").putArray("mrope_section")
            .add("1").add("3").add("4")),
        edited(tree, "eos_token_id = \"x\"", c -> c.put("eos_token_id", "x")),
        edited(tree, "rms_norm_eps = 1e400", c -> c.put("rms_norm_eps", new java.math.BigDecimal("1e400"))));
    Path file = sandbox.in().resolve("config.json");
    new FuzzRun("config.json regressions", 0, sandbox, file.toString()).run(inputs.size(), FuzzRun.inOrder(inputs),
        input -> {
          Files.write(file, input.bytes());
          QwenConfig.read(file);
          throw new AssertionError("accepted " + input.mutation());
        });
  }

  private static ByteMutations.Damaged edited(ObjectNode valid, String what, Consumer<ObjectNode> edit) {
    ObjectNode copy = valid.deepCopy();
    edit.accept(copy);
    return new ByteMutations.Damaged(what, copy.toString().getBytes(StandardCharsets.UTF_8));
  }
}
