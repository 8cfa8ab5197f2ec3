package dev.videop2r.remote;

import dev.videop2r.pipeline.Judge;
import dev.videop2r.pipeline.JudgeQuery;
import dev.videop2r.pipeline.Judgement;
import java.io.IOException;

/** A text-only LLM judge behind a {@link ChatClient} (Anthropic Messages, Bedrock, or OpenAI-compatible). */
public final class RemoteJudge implements Judge {

  private final ChatClient client;
  private final int maxTokens;

  public RemoteJudge(ChatClient client, int maxTokens) {
    this.client = client;
    this.maxTokens = maxTokens;
  }

  @Override
  public String id() {
    return client.id();
  }

  @Override
  public Judgement judge(JudgeQuery query) throws InterruptedException {
    try {
      ChatReply reply = client.chat(ChatRequest.text(JudgePrompt.SYSTEM, JudgePrompt.user(query), 0.0, maxTokens));
      return JudgePrompt.read(reply.text());
    } catch (IOException e) {
      return Judgement.noScore(e.getMessage());
    }
  }
}
