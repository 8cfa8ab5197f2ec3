package dev.videop2r.testkit.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Structural damage to a valid JSON document: a value of the wrong type, an extreme number (huge, negative,
 * overflowing a long), a missing key, an empty or huge string, nesting far deeper than any real file. The result is
 * well-formed JSON (byte damage is {@link ByteMutations}' job), so readers are tested past their parser.
 */
public final class JsonMutations {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Stands in for a deep nesting until the text is written (Jackson refuses to write past its depth limit). */
  private static final String DEEP = "\u0001deep\u0001";

  private JsonMutations() {}

  /** One to three structural damages to a copy of {@code valid}, written as UTF-8. */
  public static ByteMutations.Damaged damage(JsonNode valid, Random random) {
    JsonNode root = valid.deepCopy();
    StringBuilder name = new StringBuilder();
    int depth = 0;
    int rounds = 1 + (random.nextInt(3) == 0 ? random.nextInt(3) : 0);
    for (int i = 0; i < rounds; i++) {
      List<Slot> slots = new ArrayList<>();
      collect(root, "$", slots);
      Slot slot = slots.get(random.nextInt(slots.size()));
      name.append(i == 0 ? "" : " + ");
      if (slot.parent() instanceof ObjectNode object && random.nextInt(5) == 0) {
        object.remove(slot.key());
        name.append("drop ").append(slot.path());
        continue;
      }
      JsonNode replacement;
      int kind = random.nextInt(12);
      if (kind == 0 && depth == 0) {
        depth = 1_000 + random.nextInt(100_000);
        replacement = NODES.textNode(DEEP);
        name.append(slot.path()).append(" = nested x").append(depth);
      } else {
        replacement = strange(random);
        name.append(slot.path()).append(" = ").append(abbreviate(replacement.toString()));
      }
      if (slot.parent() == null) {
        root = replacement;
      } else {
        slot.set(replacement);
      }
    }
    String text = root.toString();
    if (depth > 0) {
      text = text.replace("\"" + DEEP + "\"", "[".repeat(depth) + "]".repeat(depth));
    }
    return new ByteMutations.Damaged(name.toString(), text.getBytes(StandardCharsets.UTF_8));
  }

  /** A value few readers expect at a given place. */
  private static JsonNode strange(Random random) {
    return switch (random.nextInt(20)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.textNode("");
      case 2 -> NODES.textNode("x".repeat(1 + random.nextInt(200_000)));
      case 3 -> NODES.numberNode(-1);
      case 4 -> NODES.numberNode(0);
      case 5 -> NODES.numberNode(Long.MAX_VALUE);
      case 6 -> NODES.numberNode(Long.MIN_VALUE);
      case 7 -> NODES.numberNode(BigInteger.TWO.pow(64 + random.nextInt(200)));
      case 8 -> NODES.numberNode(new BigDecimal("1e" + (300 + random.nextInt(10_000))));
      case 9 -> NODES.numberNode(1e308);
      case 10 -> NODES.numberNode(-0.5);
      case 11 -> NODES.numberNode(Integer.MAX_VALUE);
      case 12 -> NODES.numberNode((long) Integer.MAX_VALUE + 1);
      case 13 -> NODES.booleanNode(random.nextBoolean());
      case 14 -> NODES.arrayNode();
      case 15 -> NODES.objectNode();
      case 16 -> NODES.arrayNode().add(1).add("two").addNull().add(NODES.objectNode());
      case 17 -> NODES.objectNode().put("unexpected", true);
      case 18 -> NODES.textNode("1" + "0".repeat(random.nextInt(40)));
      default -> NODES.textNode("\u0000\uFFFD\uD83D\uDE00 ../../etc/passwd");
    };
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  /** Every place a value sits, the root included. */
  private static void collect(JsonNode node, String path, List<Slot> out) {
    if (out.isEmpty()) {
      out.add(new Slot(null, null, -1, "$"));
    }
    if (node instanceof ObjectNode object) {
      List<String> keys = new ArrayList<>();
      object.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        String child = path + "." + key;
        out.add(new Slot(object, key, -1, child));
        collect(object.get(key), child, out);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        String child = path + "[" + i + "]";
        out.add(new Slot(array, null, i, child));
        collect(array.get(i), child, out);
      }
    }
  }

  /** A value's place: a key of an object, an index of an array, or the root (parent null). */
  private record Slot(JsonNode parent, String key, int index, String path) {
    void set(JsonNode value) {
      if (parent instanceof ObjectNode object) {
        object.set(key, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }
  }

  /** Parses a valid document (test fixtures only). */
  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("fixture is not JSON: " + e.getMessage(), e);
    }
  }
}
