package dev.videop2r.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.model.tokenizer.TextTokenizer;
import java.nio.charset.StandardCharsets;

/**
 * The JSON of chat completion replies and stream chunks, in OpenAI's layout plus vLLM's {@code prompt_token_ids}
 * (top level) and {@code token_ids} (per choice) when the request set {@code return_token_ids}. Token log-probs
 * are log_softmax of the raw logits (vLLM's {@code raw_logprobs}); the stop token is listed with its log-prob.
 */
final class ChatResponses {
  private final ObjectMapper json;
  private final TextTokenizer tokenizer;

  ChatResponses(ObjectMapper json, TextTokenizer tokenizer) {
    this.json = json;
    this.tokenizer = tokenizer;
  }

  /**
   * One finished choice.
   *
   * @param tokens the choice's generated ids (up to the stop token or the token that completed a stop string)
   * @param topIds per position the alternatives, or null
   */
  record Choice(String text, String finishReason, long[] tokens, float[] logProbs, long[][] topIds,
      float[][] topLogProbs) {}

  ObjectNode completion(String id, long created, ChatCall call, long[] promptIds, java.util.List<Choice> choices) {
    ObjectNode root = header(id, created, call.model(), "chat.completion");
    ArrayNode array = root.putArray("choices");
    int completionTokens = 0;
    for (int i = 0; i < choices.size(); i++) {
      Choice c = choices.get(i);
      completionTokens += c.tokens().length;
      ObjectNode choice = array.addObject();
      choice.put("index", i);
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant");
      message.put("content", c.text());
      if (call.logprobs()) {
        choice.set("logprobs", logprobs(c.tokens(), c.logProbs(), c.topIds(), c.topLogProbs(), 0, c.tokens().length));
      } else {
        choice.putNull("logprobs");
      }
      choice.put("finish_reason", c.finishReason());
      if (call.returnTokenIds()) {
        ids(choice.putArray("token_ids"), c.tokens(), 0, c.tokens().length);
      }
    }
    if (call.returnTokenIds()) {
      ids(root.putArray("prompt_token_ids"), promptIds, 0, promptIds.length);
    }
    usage(root, promptIds.length, completionTokens);
    return root;
  }

  /** A stream chunk for choice {@code index}: role on the first, text delta, tokens [from, to), finish on the last. */
  ObjectNode chunk(String id, long created, ChatCall call, int index, boolean first, String content, long[] tokens,
      float[] logProbs, int from, int to, String finishReason) {
    ObjectNode root = header(id, created, call.model(), "chat.completion.chunk");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", index);
    ObjectNode delta = choice.putObject("delta");
    if (first) {
      delta.put("role", "assistant");
    }
    if (content != null) {
      delta.put("content", content);
    }
    if (call.logprobs() && to > from) {
      choice.set("logprobs", logprobs(tokens, logProbs, null, null, from, to));
    } else {
      choice.putNull("logprobs");
    }
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    if (call.returnTokenIds()) {
      ids(choice.putArray("token_ids"), tokens, from, to);
    }
    return root;
  }

  /** The first chunk of a stream with token ids: the prompt's ids, no choices (vLLM sends them up front). */
  ObjectNode promptChunk(String id, long created, String model, long[] promptIds) {
    ObjectNode root = header(id, created, model, "chat.completion.chunk");
    root.putArray("choices");
    ids(root.putArray("prompt_token_ids"), promptIds, 0, promptIds.length);
    return root;
  }

  /** The usage chunk that ends a stream when {@code stream_options.include_usage} is set. */
  ObjectNode usageChunk(String id, long created, String model, int promptTokens, int completionTokens) {
    ObjectNode root = header(id, created, model, "chat.completion.chunk");
    root.putArray("choices");
    usage(root, promptTokens, completionTokens);
    return root;
  }

  private ObjectNode header(String id, long created, String model, String object) {
    ObjectNode root = json.createObjectNode();
    root.put("id", id);
    root.put("object", object);
    root.put("created", created);
    root.put("model", model);
    return root;
  }

  private ObjectNode logprobs(long[] tokens, float[] logProbs, long[][] topIds, float[][] topLogProbs, int from,
      int to) {
    ObjectNode node = json.createObjectNode();
    ArrayNode content = node.putArray("content");
    for (int t = from; t < to; t++) {
      ObjectNode entry = content.addObject();
      token(entry, tokens[t], logProbs[t]);
      ArrayNode top = entry.putArray("top_logprobs");
      if (topIds != null) {
        for (int k = 0; k < topIds[t].length; k++) {
          token(top.addObject(), topIds[t][k], topLogProbs[t][k]);
        }
      }
    }
    return node;
  }

  private void token(ObjectNode entry, long id, float logProb) {
    String text = tokenizer.decode(new long[] {id}, false);
    entry.put("token", text);
    entry.put("logprob", logProb);
    ArrayNode bytes = entry.putArray("bytes");
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      bytes.add(b & 0xff);
    }
  }

  private static void ids(ArrayNode array, long[] ids, int from, int to) {
    for (int i = from; i < to; i++) {
      array.add(ids[i]);
    }
  }

  private static void usage(ObjectNode root, int promptTokens, int completionTokens) {
    ObjectNode usage = root.putObject("usage");
    usage.put("prompt_tokens", promptTokens);
    usage.put("completion_tokens", completionTokens);
    usage.put("total_tokens", promptTokens + completionTokens);
  }
}
