package dev.videop2r.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.model.generate.GenerationConfig;
import dev.videop2r.training.MediaInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads and validates a chat completion request (OpenAI's fields plus vLLM's {@code top_k},
 * {@code return_token_ids} and {@code mm_processor_kwargs.fps}). The conversation this server renders is Qwen2.5-VL's
 * template for an optional system turn and one user turn whose one image or video comes before its text; anything
 * else is refused with a message, never reordered. Unknown fields are ignored, as OpenAI-compatible servers do.
 */
final class ChatCallParser {
  private static final int MAX_STOP = 4;
  private static final int MAX_TOP_LOGPROBS = 20;

  private final ServedModel served;
  private final long[] stopTokens;
  private final ServeLimits limits;
  private final MediaLoader media;

  ChatCallParser(ServedModel served, long[] stopTokens, ServeLimits limits, MediaLoader media) {
    this.served = served;
    this.stopTokens = stopTokens.clone();
    this.limits = limits;
    this.media = media;
  }

  ChatCall parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.invalid(null, "the request body must be a JSON object");
    }
    String model = text(body, "model");
    if (model == null) {
      throw ApiException.invalid("model", "'model' is required");
    }
    if (!served.serves(model)) {
      throw new ApiException(404, "not_found_error", "model", "The model `" + model + "` does not exist; this"
          + " server serves " + served.names() + ".");
    }
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw ApiException.invalid("messages", "'messages' must be a non-empty array");
    }
    String system = null;
    int first = 0;
    String role0 = role(messages.get(0), 0);
    if (role0.equals("system") || role0.equals("developer")) {
      system = plainText(messages.get(0).get("content"), "messages[0].content");
      first = 1;
    }
    if (messages.size() != first + 1 || !role(messages.get(first), first).equals("user")) {
      throw ApiException.invalid("messages", "this server renders an optional system message and then exactly one"
          + " user message (Qwen2.5-VL's template with one visual); got " + messages.size() + " messages");
    }
    double fps = number(body.path("mm_processor_kwargs"), "fps", 2.0, "mm_processor_kwargs.fps");
    if (!(fps > 0)) {
      throw ApiException.invalid("mm_processor_kwargs.fps", "fps must be > 0, got " + fps);
    }
    String prefix = "messages[" + first + "].content";
    JsonNode content = messages.get(first).get("content");
    StringBuilder text = new StringBuilder();
    MediaInputs.Encoded visual = null;
    if (content != null && content.isTextual()) {
      text.append(content.asText());
    } else if (content != null && content.isArray()) {
      for (int i = 0; i < content.size(); i++) {
        JsonNode part = content.get(i);
        String where = prefix + "[" + i + "]";
        String type = part.path("type").asText("");
        switch (type) {
          case "text" -> text.append(part.path("text").asText(""));
          case "image_url", "video_url" -> {
            if (visual != null) {
              throw ApiException.invalid(where, "at most one image or video per request");
            }
            if (!text.isEmpty()) {
              throw ApiException.invalid(where, "the image or video must come before the text (Qwen2.5-VL's template"
                  + " as this server renders it)");
            }
            JsonNode urlNode = part.get(type);
            String url = urlNode == null ? null : urlNode.isTextual() ? urlNode.asText() : text(urlNode, "url");
            if (url == null || url.isEmpty()) {
              throw ApiException.invalid(where, "'" + type + "' needs a 'url'");
            }
            try {
              visual = media.load(where, url, type.equals("video_url"), fps);
            } catch (IllegalArgumentException e) {
              throw ApiException.invalid(where, e.getMessage());
            }
          }
          default -> throw ApiException.invalid(where + ".type", "unsupported content part type '" + type
              + "' (text, image_url, video_url)");
        }
      }
    } else {
      throw ApiException.invalid(prefix, "content must be a string or an array of parts");
    }
    int n = integer(body, "n", 1);
    if (n < 1 || n > limits.maxN()) {
      throw ApiException.invalid("n", "n must be in 1.." + limits.maxN() + ", got " + n);
    }
    int maxTokens = integer(body, "max_completion_tokens", integer(body, "max_tokens", limits.maxTokens()));
    if (maxTokens < 1 || maxTokens > limits.maxTokens()) {
      throw ApiException.invalid("max_tokens", "max_tokens must be in 1.." + limits.maxTokens() + ", got " + maxTokens);
    }
    double temperature = number(body, "temperature", 1.0, "temperature");
    double topP = number(body, "top_p", 1.0, "top_p");
    int topK = integer(body, "top_k", 0);
    if (!(temperature >= 0 && temperature <= 2)) {
      throw ApiException.invalid("temperature", "temperature must be in [0, 2], got " + temperature);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw ApiException.invalid("top_p", "top_p must be in (0, 1], got " + topP);
    }
    if (topK < -1) {
      throw ApiException.invalid("top_k", "top_k must be >= -1 (-1 or 0 = off), got " + topK);
    }
    long seed = body.hasNonNull("seed") ? longValue(body, "seed") : ThreadLocalRandom.current().nextLong();
    GenerationConfig generation = temperature == 0
        ? GenerationConfig.greedy(maxTokens, stopTokens).withSeed(seed)
        : GenerationConfig.sampling(maxTokens, temperature, topP, seed, stopTokens).withTopK(Math.max(topK, 0));
    boolean logprobs = body.path("logprobs").asBoolean(false);
    int topLogprobs = integer(body, "top_logprobs", 0);
    if (topLogprobs < 0 || topLogprobs > MAX_TOP_LOGPROBS || (topLogprobs > 0 && !logprobs)) {
      throw ApiException.invalid("top_logprobs", "top_logprobs must be in 0.." + MAX_TOP_LOGPROBS
          + " and needs logprobs: true");
    }
    boolean stream = body.path("stream").asBoolean(false);
    boolean usage = body.path("stream_options").path("include_usage").asBoolean(false);
    return new ChatCall(model, system, text.toString(), visual, n, stream, usage, generation, stops(body.get("stop")),
        logprobs, topLogprobs, body.path("return_token_ids").asBoolean(false));
  }

  private static String role(JsonNode message, int index) {
    if (message == null || !message.isObject() || !message.path("role").isTextual()) {
      throw ApiException.invalid("messages[" + index + "]", "each message needs a 'role'");
    }
    return message.get("role").asText();
  }

  /** A system message's content: a string or text parts only. */
  private static String plainText(JsonNode content, String param) {
    if (content != null && content.isTextual()) {
      return content.asText();
    }
    if (content != null && content.isArray()) {
      StringBuilder s = new StringBuilder();
      for (JsonNode part : content) {
        if (!part.path("type").asText().equals("text")) {
          throw ApiException.invalid(param, "a system message holds text only");
        }
        s.append(part.path("text").asText(""));
      }
      return s.toString();
    }
    throw ApiException.invalid(param, "content must be a string or an array of text parts");
  }

  private static List<String> stops(JsonNode stop) {
    List<String> out = new ArrayList<>();
    if (stop == null || stop.isNull()) {
      return out;
    }
    if (stop.isTextual()) {
      out.add(stop.asText());
    } else if (stop.isArray()) {
      stop.forEach(s -> out.add(s.asText()));
    } else {
      throw ApiException.invalid("stop", "stop must be a string or an array of strings");
    }
    if (out.size() > MAX_STOP || out.stream().anyMatch(String::isEmpty)) {
      throw ApiException.invalid("stop", "at most " + MAX_STOP + " non-empty stop strings");
    }
    return out;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static int integer(JsonNode body, String field, int fallback) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw ApiException.invalid(field, "'" + field + "' must be an integer, got " + v);
    }
    return v.intValue();
  }

  private static long longValue(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw ApiException.invalid(field, "'" + field + "' must be a 64-bit integer, got " + v);
    }
    return v.longValue();
  }

  private static double number(JsonNode body, String field, double fallback, String param) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw ApiException.invalid(param, "'" + param + "' must be a number, got " + v);
    }
    return v.doubleValue();
  }
}
