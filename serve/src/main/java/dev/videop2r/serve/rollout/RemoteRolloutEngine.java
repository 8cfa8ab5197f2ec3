package dev.videop2r.serve.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.io.Json;
import dev.videop2r.model.generate.Generator;
import dev.videop2r.remote.RetryPolicy;
import dev.videop2r.training.RolloutPrompt;
import dev.videop2r.training.rl.Rollout;
import dev.videop2r.training.rl.RolloutEngine;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;

/**
 * Rollouts sampled on OpenAI-compatible servers ({@code videop2r serve}, or vLLM with {@code return_token_ids}):
 * one request per prompt with {@code n} = G, prompts spread over the servers in rotation and sent concurrently.
 * Each reply must carry the prompt's token ids, the completions' token ids and their log-probs (log_softmax of
 * the raw logits, vLLM's {@code raw_logprobs}); a reply whose prompt ids differ from the trainer's tokenisation is
 * refused, since training on it would pair the completion with another prompt (frames, pixel budget or chat
 * template differ). The trainer's own frames ({@link RemotePrompt#of}) go losslessly (PNG inside vLLM's frame-list
 * URL) with the rate that gives the trainer's time positions.
 *
 * <p>Seeds: prompt p's request carries {@link Generator#streamSeed}(seed, p·G), so a server that samples like
 * the embedded generator (ours) returns exactly the embedded engine's rollouts. Retries back off with jitter and
 * move to the next server; a server failing repeatedly is dropped ({@link RolloutServers}).
 */
public final class RemoteRolloutEngine implements RolloutEngine {
  private static final ObjectMapper JSON = Json.MAPPER;

  private final RolloutServers servers;
  private final String model;
  private final WeightSync weights;
  /** What requests ask for: the served model, or the adapter the last weight sync loaded. */
  private volatile String requestModel;
  private final RetryPolicy retry;

  public RemoteRolloutEngine(RolloutServers servers, String model, WeightSync weights, RetryPolicy retry) {
    this.servers = servers;
    this.model = model;
    this.requestModel = model;
    this.weights = weights;
    this.retry = retry;
  }

  @Override
  public List<Rollout> generate(List<RolloutPrompt> batch, int groupSize, Sampling sampling, long seed) {
    List<Rollout> out = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<Rollout>>> pending = new ArrayList<>();
      for (int p = 0; p < batch.size(); p++) {
        RolloutPrompt prompt = batch.get(p);
        long promptSeed = Generator.streamSeed(seed, p * groupSize);
        pending.add(pool.submit(() -> sample(prompt, groupSize, sampling, promptSeed)));
      }
      for (Future<List<Rollout>> f : pending) {
        out.addAll(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for rollouts", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
    return out;
  }

  private List<Rollout> sample(RolloutPrompt prompt, int n, Sampling sampling, long seed) throws InterruptedException {
    String body = request(prompt, n, sampling, seed);
    String last = "";
    for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
      if (attempt > 1) {
        Thread.sleep(retry.backoff(attempt - 1, null).toMillis());
      }
      String server = servers.pick();
      try {
        HttpResponse<String> reply = servers.post(server, "/chat/completions", body);
        int status = reply.statusCode();
        if (status == 200) {
          servers.succeeded(server);
          return rollouts(prompt, n, server, JSON.readTree(reply.body()));
        }
        last = server + " answered " + status + ": " + reply.body();
        if (status == 429 || status >= 500) {
          servers.failed(server, "HTTP " + status);
          continue;
        }
        throw new IllegalStateException("rollout request for sample " + prompt.sample().problemId() + " refused: "
            + last);
      } catch (IOException e) {
        last = server + ": " + e;
        servers.failed(server, e.toString());
      }
    }
    throw new IllegalStateException("rollouts for sample " + prompt.sample().problemId() + " failed "
        + retry.maxAttempts() + " times; last: " + last);
  }

  private String request(RolloutPrompt prompt, int n, Sampling sampling, long seed) {
    RemotePrompt remote = RemotePrompt.of(prompt);
    ObjectNode body = JSON.createObjectNode().put("model", requestModel).put("n", n)
        .put("temperature", sampling.temperature()).put("top_p", sampling.topP())
        .put("max_tokens", sampling.maxNewTokens()).put("seed", seed).put("logprobs", true)
        .put("return_token_ids", true);
    ArrayNode content = body.putArray("messages").addObject().put("role", "user").putArray("content");
    if (remote.videoFps() > 0) {
      StringBuilder url = new StringBuilder("data:video/jpeg;base64,");
      for (int i = 0; i < remote.frames().size(); i++) {
        url.append(i == 0 ? "" : ",").append(png(remote.frames().get(i)));
      }
      content.addObject().put("type", "video_url").putObject("video_url").put("url", url.toString());
      body.putObject("mm_processor_kwargs").put("fps", remote.videoFps());
    } else if (!remote.frames().isEmpty()) {
      content.addObject().put("type", "image_url").putObject("image_url")
          .put("url", "data:image/png;base64," + png(remote.frames().getFirst()));
    }
    content.addObject().put("type", "text").put("text", remote.text());
    return body.toString();
  }

  private List<Rollout> rollouts(RolloutPrompt prompt, int n, String server, JsonNode reply) {
    String sample = String.valueOf(prompt.sample().problemId());
    long[] promptIds = ids(reply.get("prompt_token_ids"));
    if (promptIds == null) {
      throw new IllegalStateException(server + " returned no prompt_token_ids: the rollout engine needs a server"
          + " that honours return_token_ids (videop2r serve, vLLM >= 0.10.2)");
    }
    if (!Arrays.equals(promptIds, prompt.ids())) {
      throw new IllegalStateException("sample " + sample + ": " + server + " tokenised the prompt into "
          + promptIds.length + " ids, the trainer into " + prompt.ids().length + " (first difference at "
          + Arrays.mismatch(promptIds, prompt.ids()) + "); frames, pixel budget or chat template differ, and"
          + " training on these rollouts would corrupt the policy gradient");
    }
    JsonNode choices = reply.path("choices");
    if (choices.size() != n) {
      throw new IllegalStateException(server + " returned " + choices.size() + " choices for n = " + n);
    }
    Rollout[] out = new Rollout[n];
    for (JsonNode choice : choices) {
      int index = choice.path("index").asInt(-1);
      long[] tokens = ids(choice.get("token_ids"));
      JsonNode logprobs = choice.path("logprobs").path("content");
      if (index < 0 || index >= n || out[index] != null || tokens == null || logprobs.size() != tokens.length) {
        throw new IllegalStateException(server + ": choice " + index + " lacks token_ids or one log-prob per token"
            + " (sample " + sample + ")");
      }
      float[] lp = new float[tokens.length];
      for (int t = 0; t < lp.length; t++) {
        lp[t] = (float) logprobs.get(t).path("logprob").asDouble();
      }
      out[index] = new Rollout(tokens, lp, "stop".equals(choice.path("finish_reason").asText()));
    }
    return List.of(out);
  }

  private static long[] ids(JsonNode array) {
    if (array == null || !array.isArray()) {
      return null;
    }
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }

  private static String png(BufferedImage image) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a frame as PNG", e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  @Override
  public void policyUpdated(int step) {
    requestModel = weights.publish(step, servers, model);
  }
}
