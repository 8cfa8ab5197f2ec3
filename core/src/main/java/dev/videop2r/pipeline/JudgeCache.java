package dev.videop2r.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.io.Json;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judgements keyed by a SHA-256 of (judge id, question, ground truth, observation, needed facts), kept in an
 * append-only {@link AppendLog} so reruns of the pipeline and RL rollouts that repeat an observation reuse them.
 * Only scored judgements are stored: a failed call is retried next time, never frozen as an answer.
 */
public final class JudgeCache implements Closeable {

  private static final ObjectMapper JSON = Json.MAPPER;

  private final Map<String, Judgement> entries;
  private final AppendLog log;

  private JudgeCache(Map<String, Judgement> entries, AppendLog log) {
    this.entries = entries;
    this.log = log;
  }

  /** Opens or creates the cache file. */
  public static JudgeCache open(Path file) throws IOException {
    Map<String, Judgement> loaded = new ConcurrentHashMap<>();
    AppendLog log = AppendLog.open(file, (offset, json) -> {
      JsonNode n = JSON.readTree(json);
      loaded.put(n.get("key").asText(),
          new Judgement(Judgement.Verdict.valueOf(n.get("verdict").asText()), n.get("reason").asText()));
    });
    return new JudgeCache(loaded, log);
  }

  /** The content hash a query is cached under for a given judge. */
  public static String key(String judgeId, JudgeQuery q) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      // Length-prefix every field so that no two different queries serialise alike.
      for (String part : new String[] {judgeId, q.question(), q.groundTruth(), q.observation()}) {
        update(sha, part);
      }
      sha.update((byte) q.neededFacts().size());
      for (String fact : q.neededFacts()) {
        update(sha, fact);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void update(MessageDigest sha, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    sha.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8),
        (byte) b.length});
    sha.update(b);
  }

  public Optional<Judgement> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** Records a scored judgement (no-score results are ignored). */
  public void put(String key, Judgement j) throws IOException {
    if (!j.scored() || entries.putIfAbsent(key, j) != null) {
      return;
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("key", key).put("verdict", j.verdict().name()).put("reason", j.reason());
    log.append(JSON.writeValueAsString(n));
  }

  public int size() {
    return entries.size();
  }

  @Override
  public void close() throws IOException {
    log.close();
  }
}
