package dev.videop2r.cli.eval;

import dev.videop2r.evaluation.PromptedThinkAnswerJudge;
import dev.videop2r.evaluation.RuleThinkAnswerJudge;
import dev.videop2r.evaluation.ThinkAnswerJudge;
import dev.videop2r.remote.ChatClient;
import dev.videop2r.remote.ChatRequest;
import dev.videop2r.remote.ResilientChatClient;
import dev.videop2r.remote.RetryPolicy;
import dev.videop2r.remote.Throttle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The think–answer judge: the deterministic rule judge, or an LLM through the remote module's clients
 * (the same back-ends and flag names as the data commands' sufficiency judge; the paper used Claude 3.7).
 */
final class JudgeOptions {

  /** A reply is one letter or NONE; a little room for a model that adds a word. */
  private static final int JUDGE_MAX_TOKENS = 16;
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @Option(names = "--judge", defaultValue = "rule", paramLabel = "rule|openai|anthropic|bedrock",
      description = "rule: deterministic (the last option the reasoning names); openai (any OpenAI-compatible"
          + " server), anthropic, bedrock (Claude on Amazon Bedrock, AWS credentials from the environment):"
          + " an LLM judge (default: ${DEFAULT-VALUE}).")
  String kind = "rule";

  @Option(names = "--judge-model", paramLabel = "MODEL", description = "Judge model name (LLM judges).")
  String model;

  @Option(names = "--judge-url", paramLabel = "URL",
      description = "Judge API root (required for openai; anthropic default https://api.anthropic.com).")
  String url;

  @Option(names = "--judge-key-env", paramLabel = "VAR",
      description = "Environment variable holding the judge's API key (default OPENAI_API_KEY for openai,"
          + " ANTHROPIC_API_KEY for anthropic). The key is never logged.")
  String keyEnv;

  /** A judge and the client it holds open. */
  record OpenJudge(ThinkAnswerJudge judge, String name, ChatClient client) implements AutoCloseable {
    @Override
    public void close() {
      if (client != null) {
        client.close();
      }
    }
  }

  OpenJudge open() {
    if (kind.equals("rule")) {
      return new OpenJudge(new RuleThinkAnswerJudge(), "rule", null);
    }
    if (model == null) {
      throw new IllegalArgumentException("--judge " + kind + " needs --judge-model");
    }
    if (!List.of("openai", "anthropic", "bedrock").contains(kind)) {
      throw new IllegalArgumentException("--judge must be rule, openai, anthropic or bedrock, got '" + kind + "'");
    }
    ChatClient raw = dev.videop2r.cli.data.JudgeOptions.chatClient(kind, model, url, keyEnv, TIMEOUT, 1);
    ChatClient client = new ResilientChatClient(raw, RetryPolicy.defaults(), new Throttle(1, 0));
    ThinkAnswerJudge judge = new PromptedThinkAnswerJudge(prompt -> {
      try {
        return client.chat(ChatRequest.text(null, prompt, 0.0, JUDGE_MAX_TOKENS)).text();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    });
    return new OpenJudge(judge, client.id(), client);
  }
}
