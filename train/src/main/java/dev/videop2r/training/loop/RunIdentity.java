package dev.videop2r.training.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.data.Sample;
import dev.videop2r.io.Json;
import dev.videop2r.model.VisionLanguageModel;
import dev.videop2r.spec.Specs;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a run is, as stored in every checkpoint and compared on resume: the trainer, its whole spec (every field,
 * reward and judge settings included), the LoRA adapters if any, and the dataset's contents (a digest of every
 * record, all fields, in order), so that resuming with other settings or edited data is refused, naming what
 * changed, instead of silently mixing two runs.
 */
public final class RunIdentity {
  private RunIdentity() {}

  /** The identity of a run of {@code model} on {@code samples}, as JSON. */
  public static String of(String trainer, Record spec, VisionLanguageModel model, List<Sample> samples) {
    ObjectNode identity = Json.MAPPER.createObjectNode();
    identity.put("trainer", trainer);
    identity.set("spec", Specs.tree(spec));
    model.adapters().ifPresent(a -> identity.set("lora", Json.MAPPER.valueToTree(a.spec())));
    identity.putObject("data").put("records", samples.size()).put("sha256", digest(samples));
    try {
      return Json.MAPPER.writeValueAsString(identity);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the " + trainer + " spec", e);
    }
  }

  /** What differs between a stored identity and the current one, as {@code path: before → after} lines. */
  public static List<String> changes(String stored, String current) {
    try {
      JsonNode before = Json.MAPPER.readTree(stored);
      JsonNode after = Json.MAPPER.readTree(current);
      return Specs.diff(before, after);
    } catch (JsonProcessingException e) {
      return List.of("the stored identity is unreadable (" + e.getOriginalMessage() + ")");
    }
  }

  private static String digest(List<Sample> samples) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Sample s : samples) {
        sha.update(Json.MAPPER.writeValueAsBytes(s));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException("cannot digest the dataset", e);
    }
  }
}
