package dev.videop2r.cli.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.evaluation.PromptedThinkAnswerJudge;
import dev.videop2r.evaluation.RuleThinkAnswerJudge;
import dev.videop2r.evaluation.ThinkAnswerJudge;
import dev.videop2r.pipeline.Judge;
import dev.videop2r.pipeline.JudgeSpec;
import dev.videop2r.pipeline.SyntheticJudge;
import dev.videop2r.remote.AnthropicChatClient;
import dev.videop2r.remote.ChatClient;
import dev.videop2r.remote.ChatRequest;
import dev.videop2r.remote.OpenAiChatClient;
import dev.videop2r.remote.RemoteJudge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Which judge to ask, the same flags for both judges: the sufficiency judge of the data pipeline and the
 * think–answer judge of {@code eval mismatch}. Either is the embedded one ({@code synthetic}) or a model behind an
 * API, reached through the command's endpoint options (timeout, retries, rate).
 */
public final class JudgeOptions {

  private static final String ANTHROPIC_URL = "https://api.anthropic.com";

  @Option(names = "--judge", defaultValue = "synthetic", paramLabel = "synthetic|anthropic|bedrock|openai",
      description = "synthetic (embedded: the sufficiency judge reads the records' facts, the think–answer judge"
          + " takes the last option the reasoning names), anthropic, bedrock (Claude on Amazon Bedrock, AWS"
          + " credentials and region from the environment) or openai (any OpenAI-compatible server)"
          + " (default: ${DEFAULT-VALUE}).")
  JudgeSpec.Kind kind;

  @Option(names = "--judge-model", paramLabel = "MODEL", description = "Judge model name (required unless synthetic).")
  String model;

  @Option(names = "--judge-url", paramLabel = "URL",
      description = "Judge API root (anthropic default https://api.anthropic.com; required for openai).")
  String url;

  @Option(names = "--judge-key-env", paramLabel = "VAR",
      description = "Environment variable holding the judge's API key (default ANTHROPIC_API_KEY for anthropic,"
          + " OPENAI_API_KEY for openai).")
  String keyEnv;

  @Option(names = "--judge-max-tokens", defaultValue = "256", paramLabel = "N",
      description = "Token budget of one judge reply (default: ${DEFAULT-VALUE}).")
  int maxTokens;

  /** Adds what a resume must not change about the judge besides its id (backend and model): endpoint, budget. */
  void journal(ObjectNode settings) {
    if (kind == JudgeSpec.Kind.SYNTHETIC) {
      return;
    }
    String endpoint = switch (kind) {
      case ANTHROPIC -> url == null ? ANTHROPIC_URL : url;
      case BEDROCK -> "bedrock";
      default -> url == null ? "" : url;
    };
    settings.put("judge_url", kind == JudgeSpec.Kind.BEDROCK || endpoint.isEmpty() ? endpoint
        : EndpointOptions.journaled(endpoint)).put("judge_max_tokens", maxTokens);
  }

  /** Builds the judge; a remote judge is limited to {@code concurrency} calls in flight. */
  public Judge build(EndpointOptions endpoint, int concurrency) {
    if (kind != JudgeSpec.Kind.SYNTHETIC && model == null) {
      throw new IllegalArgumentException("--judge " + kind.name().toLowerCase(Locale.ROOT) + " needs --judge-model");
    }
    return build(new JudgeSpec(kind, model, url, keyEnv, maxTokens, concurrency,
        null), endpoint);
  }

  /** The judge a run spec names, reached through {@code endpoint}'s timeout, retries and rate limit. */
  public static Judge build(JudgeSpec spec, EndpointOptions endpoint) {
    if (spec.kind() == JudgeSpec.Kind.SYNTHETIC) {
      return new SyntheticJudge();
    }
    ChatClient client = chatClient(spec.kind(), spec.model(), spec.url(), spec.keyEnv(), endpoint.timeout(),
        spec.concurrency());
    return new RemoteJudge(endpoint.resilient(client, spec.concurrency()), spec.maxTokens());
  }

  /**
   * A raw chat client for an LLM judge back-end — openai (any OpenAI-compatible server, needs {@code url}),
   * anthropic, or bedrock — with the key read from {@code keyEnv} (default per back-end); the sufficiency judge
   * and the think–answer judge both build theirs here.
   */
  public static ChatClient chatClient(JudgeSpec.Kind kind, String model, String url, String keyEnv,
      Duration timeout, int concurrency) {
    return switch (kind) {
      case ANTHROPIC -> AnthropicChatClient.direct(url == null ? ANTHROPIC_URL : url, model,
          EndpointOptions.key(keyEnv == null ? "ANTHROPIC_API_KEY" : keyEnv), timeout, concurrency);
      case BEDROCK -> AnthropicChatClient.bedrock(model, timeout, concurrency);
      case OPENAI -> {
        if (url == null) {
          throw new IllegalArgumentException("--judge openai needs --judge-url (e.g. http://127.0.0.1:8000/v1)");
        }
        yield new OpenAiChatClient(url, model, EndpointOptions.key(keyEnv == null ? "OPENAI_API_KEY" : keyEnv),
            timeout, concurrency);
      }
      case SYNTHETIC -> throw new IllegalArgumentException("the synthetic judge is embedded, not an LLM back-end");
    };
  }

  /** A think–answer judge and the client it holds open. */
  public record OpenThinkAnswerJudge(ThinkAnswerJudge judge, String name, ChatClient client)
      implements AutoCloseable {
    @Override
    public void close() {
      if (client != null) {
        client.close();
      }
    }
  }

  /** The think–answer judge (paper Table 6; the paper used Claude 3.7), one call in flight. */
  public OpenThinkAnswerJudge thinkAnswer(EndpointOptions endpoint) {
    if (kind == JudgeSpec.Kind.SYNTHETIC) {
      return new OpenThinkAnswerJudge(new RuleThinkAnswerJudge(), "rule", null);
    }
    if (model == null) {
      throw new IllegalArgumentException("--judge " + kind.name().toLowerCase(Locale.ROOT) + " needs --judge-model");
    }
    ChatClient client = endpoint.resilient(
        chatClient(kind, model, url, keyEnv, endpoint.timeout(), 1), 1);
    ThinkAnswerJudge judge = new PromptedThinkAnswerJudge(prompt -> {
      try {
        return client.chat(ChatRequest.text(null, prompt, 0.0, maxTokens)).text();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    });
    return new OpenThinkAnswerJudge(judge, client.id(), client);
  }
}
