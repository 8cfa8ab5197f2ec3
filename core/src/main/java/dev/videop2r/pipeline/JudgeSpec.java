package dev.videop2r.pipeline;

import dev.videop2r.spec.Doc;
import dev.videop2r.spec.Group;
import dev.videop2r.spec.InvalidFieldException;
import java.nio.file.Path;

/**
 * Which perception judge a run asks. The key itself is never part of a spec: only the name of the environment
 * variable that holds it. Timeouts and retries are the endpoint options of the command, not settings of the run.
 */
@Group
public record JudgeSpec(
    @Doc(value = "synthetic (embedded; needs the records' facts), anthropic, bedrock (Claude on Amazon Bedrock,"
        + " AWS credentials and region from the environment) or openai (any OpenAI-compatible server).",
        flag = "judge")
    Kind kind,
    @Doc(value = "Judge model name (required unless synthetic).", flag = "judge-model")
    String model,
    @Doc(value = "Judge API root (anthropic default https://api.anthropic.com; required for openai).",
        flag = "judge-url")
    String url,
    @Doc(value = "Environment variable holding the judge's API key (default ANTHROPIC_API_KEY for anthropic,"
        + " OPENAI_API_KEY for openai).", flag = "judge-key-env")
    String keyEnv,
    @Doc(value = "Token budget of one judge reply.", flag = "judge-max-tokens")
    int maxTokens,
    @Doc(value = "Judge calls in flight at once.", flag = "judge-concurrency")
    int concurrency,
    @Doc(value = "Append-only judge cache file (empty: <out>/judge-cache.jsonl).", flag = "judge-cache")
    Path cache) {

  /** Judge back-ends. */
  public enum Kind {
    SYNTHETIC,
    ANTHROPIC,
    BEDROCK,
    OPENAI
  }

  public JudgeSpec {
    InvalidFieldException.check(kind != null, "kind", "required");
    InvalidFieldException.check(maxTokens >= 1, "maxTokens", "must be >= 1, got " + maxTokens);
    InvalidFieldException.check(concurrency >= 1, "concurrency", "must be >= 1, got " + concurrency);
    InvalidFieldException.check(kind == Kind.SYNTHETIC || model != null, "model",
        "required for the " + kind.name().toLowerCase(java.util.Locale.ROOT) + " judge");
    InvalidFieldException.check(kind != Kind.OPENAI || url != null, "url",
        "required for the openai judge (e.g. http://127.0.0.1:8000/v1)");
  }

  /** The embedded synthetic judge, 8 calls in flight. */
  public static JudgeSpec defaults() {
    return new JudgeSpec(Kind.SYNTHETIC, null, null, null, 256, 8, null);
  }
}
