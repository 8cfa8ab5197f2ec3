package dev.videop2r.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.model.generate.Completion;
import dev.videop2r.model.generate.GenerationPrompt;
import dev.videop2r.model.generate.TokenListener;
import dev.videop2r.model.tokenizer.ChatPrompt;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code POST /v1/chat/completions}: validate, render the prompt, queue it for the next batch, then answer with the
 * whole reply or stream it as server-sent events while the batch decodes.
 */
final class ChatCompletions {
  /** Where a streamed reply's events go (one {@code data:} line each). */
  interface EventSink {
    void event(String data) throws IOException;
  }

  private final ServedModel model;
  private final ChatCallParser parser;
  private final BatchScheduler scheduler;
  private final ChatResponses responses;
  private final ServeLimits limits;

  ChatCompletions(ServedModel model, ChatCallParser parser, BatchScheduler scheduler, ChatResponses responses,
      ServeLimits limits) {
    this.model = model;
    this.parser = parser;
    this.scheduler = scheduler;
    this.responses = responses;
    this.limits = limits;
  }

  /** A request made ready: the call and its rendered prompt. */
  record Prepared(ChatCall call, long[] promptIds, GenerationPrompt prompt) {}

  Prepared prepare(JsonNode body) {
    ChatCall call = parser.parse(body);
    if (call.stream() && call.topLogprobs() > 0) {
      throw ApiException.invalid("top_logprobs", "top_logprobs cannot be streamed: they come from a forward pass"
          + " after the generation; ask without stream");
    }
    ChatPrompt prompt;
    try {
      prompt = model.prompt(call.system(), call.visual() == null ? null : call.visual().placeholder(), call.text());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("messages", e.getMessage());
    }
    long[] ids = prompt.ids();
    int budget = ids.length + call.generation().maxNewTokens();
    if (budget > limits.maxModelLength()) {
      throw ApiException.invalid("messages", "the prompt has " + ids.length + " tokens; with max_tokens "
          + call.generation().maxNewTokens() + " that is " + budget + " > the maximum model length "
          + limits.maxModelLength());
    }
    List<dev.videop2r.model.VisualInputs> visuals = call.visual() == null ? List.of() : List.of(call.visual().visual());
    return new Prepared(call, ids, new GenerationPrompt(ids, visuals));
  }

  /** The whole reply once its batch has run. */
  ObjectNode complete(Prepared p) throws InterruptedException {
    CompletableFuture<List<GenerationJob.GeneratedChoice>> result = new CompletableFuture<>();
    scheduler.submit(new GenerationJob(p.call().model(), p.prompt(), p.call().n(), p.call().generation(), p.call().topLogprobs(),
        TokenListener.NONE, result));
    List<GenerationJob.GeneratedChoice> generated = await(result);
    List<ChatResponses.Choice> choices = new ArrayList<>();
    for (GenerationJob.GeneratedChoice g : generated) {
      if (p.call().stop().isEmpty()) { // the whole completion: one decode instead of one per token
        Completion c = g.completion();
        choices.add(new ChatResponses.Choice(model.tokenizer().decode(c.tokens(), true),
            c.finish() == Completion.FinishReason.STOP ? "stop" : "length", c.tokens(), c.logProbs(), g.topIds(),
            g.topLogProbs()));
        continue;
      }
      ChoiceDecoder decoder = new ChoiceDecoder(model.tokenizer(), p.call().stop());
      for (long token : g.completion().tokens()) {
        decoder.push(token);
      }
      decoder.finish();
      int kept = decoder.tokens();
      choices.add(new ChatResponses.Choice(decoder.text(), finishReason(g.completion(), decoder),
          Arrays.copyOf(g.completion().tokens(), kept), Arrays.copyOf(g.completion().logProbs(), kept),
          g.topIds() == null ? null : Arrays.copyOf(g.topIds(), kept),
          g.topLogProbs() == null ? null : Arrays.copyOf(g.topLogProbs(), kept)));
    }
    return responses.completion(newId(), now(), p.call(), p.promptIds(), choices);
  }

  /** Streams the reply: chunks as tokens come, then a finish chunk per choice, the usage chunk if asked, [DONE]. */
  void stream(Prepared p, EventSink sink) throws IOException, InterruptedException {
    record Token(int rollout, long token, float logProb) {}
    Token end = new Token(-1, 0, 0);
    LinkedBlockingQueue<Token> events = new LinkedBlockingQueue<>();
    CompletableFuture<List<GenerationJob.GeneratedChoice>> result = new CompletableFuture<>();
    result.whenComplete((r, e) -> events.add(end));
    ChatCall call = p.call();
    scheduler.submit(new GenerationJob(call.model(), p.prompt(), call.n(), call.generation(), 0,
        (prompt, rollout, token, logProb) -> events.add(new Token(rollout, token, logProb)), result));
    String id = newId();
    long created = now();
    if (call.returnTokenIds()) {
      sink.event(responses.promptChunk(id, created, call.model(), p.promptIds()).toString());
    }
    int n = call.n();
    ChoiceDecoder[] decoders = new ChoiceDecoder[n];
    long[][] tokens = new long[n][call.generation().maxNewTokens()];
    float[][] logProbs = new float[n][call.generation().maxNewTokens()];
    int[] sent = new int[n];
    for (int i = 0; i < n; i++) {
      decoders[i] = new ChoiceDecoder(model.tokenizer(), call.stop());
      sink.event(responses.chunk(id, created, call, i, true, "", tokens[i], logProbs[i], 0, 0, null).toString());
    }
    for (Token t = events.take(); t != end; t = events.take()) {
      ChoiceDecoder d = decoders[t.rollout()];
      if (d.stoppedByString()) {
        continue;
      }
      int index = d.tokens();
      tokens[t.rollout()][index] = t.token();
      logProbs[t.rollout()][index] = t.logProb();
      String delta = d.push(t.token());
      if (!delta.isEmpty() || call.logprobs() || call.returnTokenIds()) {
        sink.event(responses.chunk(id, created, call, t.rollout(), false, delta, tokens[t.rollout()],
            logProbs[t.rollout()], sent[t.rollout()], d.tokens(), null).toString());
        sent[t.rollout()] = d.tokens();
      }
    }
    List<GenerationJob.GeneratedChoice> generated = await(result);
    int completionTokens = 0;
    for (int i = 0; i < n; i++) {
      String rest = decoders[i].finish();
      completionTokens += decoders[i].tokens();
      sink.event(responses.chunk(id, created, call, i, false, rest.isEmpty() ? null : rest, tokens[i],
          logProbs[i], sent[i], decoders[i].tokens(), finishReason(generated.get(i).completion(), decoders[i]))
          .toString());
    }
    if (call.includeUsage()) {
      sink.event(responses.usageChunk(id, created, call.model(), p.promptIds().length, completionTokens).toString());
    }
    sink.event("[DONE]");
  }

  private static String finishReason(Completion c, ChoiceDecoder decoder) {
    return decoder.stoppedByString() || c.finish() == Completion.FinishReason.STOP ? "stop" : "length";
  }

  private static List<GenerationJob.GeneratedChoice> await(
      CompletableFuture<List<GenerationJob.GeneratedChoice>> result) throws InterruptedException {
    try {
      return result.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ApiException api) {
        throw api;
      }
      throw new ApiException(500, "server_error", null, "generation failed: " + e.getCause());
    }
  }

  /** A unique reply id; not a secret, so no SecureRandom (UUID.randomUUID's) on every request. */
  private static String newId() {
    return "chatcmpl-" + Long.toHexString(ThreadLocalRandom.current().nextLong())
        + Long.toHexString(ThreadLocalRandom.current().nextLong());
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }
}
