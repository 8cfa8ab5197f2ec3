package dev.videop2r.cli.eval;

import dev.videop2r.evaluation.PromptedThinkAnswerJudge;
import dev.videop2r.evaluation.RuleThinkAnswerJudge;
import dev.videop2r.evaluation.ThinkAnswerJudge;
import dev.videop2r.remote.ChatClient;
import dev.videop2r.remote.ChatRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine.Option;

/** The think–answer judge: the deterministic rule judge, or an LLM behind an OpenAI-compatible endpoint. */
final class JudgeOptions {

  /** Judges read one short prompt and answer with a letter; a few tokens suffice. */
  private static final int JUDGE_MAX_TOKENS = 16;

  @Option(names = "--judge", defaultValue = "rule", paramLabel = "rule|endpoint",
      description = "rule: deterministic (last option the reasoning names); endpoint: an LLM judge (default: ${DEFAULT-VALUE}).")
  String kind = "rule";

  @Option(names = "--judge-endpoint", paramLabel = "URL", description = "OpenAI-compatible base URL of the LLM judge.")
  String endpoint;

  @Option(names = "--judge-model", paramLabel = "M", description = "The judge model name.")
  String model;

  @Option(names = "--judge-api-key-env", paramLabel = "VAR", defaultValue = "OPENAI_API_KEY",
      description = "Environment variable holding the judge endpoint's key (default: ${DEFAULT-VALUE}).")
  String apiKeyEnv = "OPENAI_API_KEY";

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
    switch (kind) {
      case "rule" -> {
        return new OpenJudge(new RuleThinkAnswerJudge(), "rule", null);
      }
      case "endpoint" -> {
        if (endpoint == null || model == null) {
          throw new IllegalArgumentException("--judge endpoint needs --judge-endpoint URL and --judge-model M");
        }
        ChatClient client = AnswerModels.chatClient(endpoint, model, apiKeyEnv, 120);
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
      default -> throw new IllegalArgumentException("--judge must be rule or endpoint, got '" + kind + "'");
    }
  }
}
