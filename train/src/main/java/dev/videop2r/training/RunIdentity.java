package dev.videop2r.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videop2r.data.Sample;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * What a run is, as stored in every checkpoint and compared on resume: the trainer's configuration and the
 * dataset (its size and a digest of every record's id and media path, in order), so that resuming with other
 * options or other data is refused instead of silently mixing two runs.
 */
final class RunIdentity {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunIdentity() {}

  /** The identity of a run of {@code model}: with LoRA adapters attached, their rank, alpha, dropout and targets. */
  static String of(String trainer, Object config, dev.videop2r.model.VisionLanguageModel model, List<Sample> samples) {
    TreeMap<String, Object> identity = new TreeMap<>();
    identity.put(trainer, config);
    model.adapters().ifPresent(a -> identity.put("lora", a.spec()));
    identity.put("dataset_size", samples.size());
    identity.put("dataset_sha256", digest(samples));
    try {
      return JSON.writeValueAsString(identity);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the " + trainer + " configuration", e);
    }
  }

  private static String digest(List<Sample> samples) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Sample s : samples) {
        sha.update((s.problemId() + "\t" + s.path() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
