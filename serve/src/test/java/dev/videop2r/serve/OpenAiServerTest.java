package dev.videop2r.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionTokenLogprob;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.generate.Completion;
import dev.videop2r.model.generate.GenerationConfig;
import dev.videop2r.model.generate.GenerationPrompt;
import dev.videop2r.model.generate.Generator;
import dev.videop2r.model.lora.LoraAdapters;
import dev.videop2r.model.lora.LoraSpec;
import dev.videop2r.model.lora.PeftFormat;
import dev.videop2r.model.tokenizer.ChatPrompt;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.training.MediaInputs;
import dev.videop2r.video.QwenPatchifier;
import dev.videop2r.video.RgbFrame;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code videop2r serve} on a tiny random Qwen2.5-VL, started in-process on a free loopback port, answered through the
 * OpenAI Java SDK (and plain HTTP for vLLM's extra fields). The reference for every reply is the project's own
 * generator run directly on the same checkpoint with the same prompt and seed.
 */
class OpenAiServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUESTION = "what colour is the shape ?";
  private static final FrameRequest FRAMES = new FrameRequest(8, 2.0, 56 * 56, 56 * 56);

  @TempDir static Path dir;
  static ServedModel served;
  static OpenAiServer server;
  static OpenAIClient client;
  static NDManager manager;
  static QwenVLModel reference;
  static HfTextTokenizer tokenizer;

  @BeforeAll
  static void start() throws Exception {
    Path model = TinyModelDir.write(dir.resolve("tiny"));
    served = ServedModel.load(model, "tiny", null, DataType.FLOAT32);
    server = OpenAiServer.start(served, new ServeOptions("127.0.0.1", 0, null, null, FRAMES,
        new ServeLimits(1 << 20, 64, 4096, 8, 32, 64, 20), true, true));
    client = OpenAIOkHttpClient.builder().baseUrl(server.baseUrl()).apiKey("EMPTY").maxRetries(0).build();
    manager = NDManager.newBaseManager();
    reference = QwenVLModel.load(model, manager, DataType.FLOAT32);
    tokenizer = HfTextTokenizer.load(model);
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
    served.close();
    tokenizer.close();
    reference.close();
    manager.close();
  }

  /** The project's generator on the same weights: what the server must reproduce. */
  private static List<Completion> direct(ChatPrompt prompt, List<dev.videop2r.model.VisualInputs> visuals, int n,
      GenerationConfig config) {
    Generator generator = new Generator(reference, reference.manager(), tokenizer.specialTokens().pad(),
        Generator.inputOnlyTokens(reference.config()));
    return generator.generate(List.of(new GenerationPrompt(prompt.ids(), visuals)), n, config);
  }

  private static GenerationConfig sampling(int maxTokens, long seed) {
    return GenerationConfig.sampling(maxTokens, 1.0, 1.0, seed, tokenizer.specialTokens().eos());
  }

  private static String text(Completion c) {
    return tokenizer.decode(c.tokens(), true);
  }

  private static ChatCompletionCreateParams.Builder params(int maxTokens, long seed) {
    return ChatCompletionCreateParams.builder().model("tiny").addUserMessage(QUESTION).maxCompletionTokens(maxTokens)
        .temperature(1.0).seed(seed);
  }

  @Test
  void aCompletionIsWhatTheGeneratorSamplesForTheSameSeedWithItsLogProbs() {
    ChatCompletion reply = client.chat().completions().create(params(12, 77).n(2).logprobs(true).build());
    List<Completion> expected = direct(new ChatTemplate(tokenizer).prompt(null, QUESTION), List.of(), 2,
        sampling(12, 77));
    assertEquals(2, reply.choices().size());
    int tokens = 0;
    for (int i = 0; i < 2; i++) {
      ChatCompletion.Choice choice = reply.choices().get(i);
      Completion c = expected.get(i);
      assertEquals(text(c), choice.message().content().orElseThrow(), "choice " + i);
      assertEquals(c.finish() == Completion.FinishReason.STOP ? "stop" : "length", choice.finishReason().asString());
      List<ChatCompletionTokenLogprob> logprobs = choice.logprobs().orElseThrow().content().orElseThrow();
      assertEquals(c.length(), logprobs.size());
      for (int t = 0; t < c.length(); t++) {
        assertEquals(c.logProbs()[t], logprobs.get(t).logprob(), 1e-5, "token " + t);
      }
      tokens += c.length();
    }
    assertEquals(tokens, reply.usage().orElseThrow().completionTokens());
    assertEquals(new ChatTemplate(tokenizer).prompt(null, QUESTION).length(),
        reply.usage().orElseThrow().promptTokens());
    ChatCompletion again = client.chat().completions().create(params(12, 77).n(2).logprobs(true).build());
    assertEquals(reply.choices().get(1).message().content(), again.choices().get(1).message().content());
  }

  @Test
  void aStreamCarriesTheSameTextAsTheWholeReply() throws Exception {
    ChatCompletionCreateParams p = params(16, 5).n(2).build();
    List<Completion> expected = direct(new ChatTemplate(tokenizer).prompt(null, QUESTION), List.of(), 2,
        sampling(16, 5));
    StringBuilder[] texts = {new StringBuilder(), new StringBuilder()};
    String[] finish = new String[2];
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(p)) {
      stream.stream().forEach(chunk -> chunk.choices().forEach(c -> {
        c.delta().content().ifPresent(texts[(int) c.index()]::append);
        c.finishReason().ifPresent(f -> finish[(int) c.index()] = f.asString());
      }));
    }
    for (int i = 0; i < 2; i++) {
      assertEquals(text(expected.get(i)), texts[i].toString(), "choice " + i);
      assertEquals(expected.get(i).finish() == Completion.FinishReason.STOP ? "stop" : "length", finish[i]);
    }
  }

  @Test
  void aStreamWithTokenIdsSendsThePromptIdsFirstThenEachChoicesNewIdsAndLogProbs() throws Exception {
    ObjectNode body = JSON.createObjectNode().put("model", "tiny").put("max_tokens", 12).put("seed", 21)
        .put("n", 2).put("stream", true).put("return_token_ids", true).put("logprobs", true);
    body.putObject("stream_options").put("include_usage", true);
    body.putArray("messages").addObject().put("role", "user").put("content", QUESTION);
    ChatPrompt prompt = new ChatTemplate(tokenizer).prompt(null, QUESTION);
    List<Completion> expected = direct(prompt, List.of(), 2, sampling(12, 21));
    List<JsonNode> chunks = new ArrayList<>();
    for (String line : post(body.toString(), null).body().split("\n")) {
      if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
        chunks.add(JSON.readTree(line.substring("data: ".length())));
      }
    }
    assertArrayEquals(prompt.ids(), longs(chunks.getFirst().get("prompt_token_ids")));
    List<List<Long>> ids = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<Double>> logprobs = List.of(new ArrayList<>(), new ArrayList<>());
    for (JsonNode chunk : chunks) {
      for (JsonNode choice : chunk.path("choices")) {
        int i = choice.get("index").asInt();
        choice.path("token_ids").forEach(t -> ids.get(i).add(t.asLong()));
        choice.path("logprobs").path("content").forEach(t -> logprobs.get(i).add(t.get("logprob").asDouble()));
      }
    }
    int total = 0;
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(expected.get(i).tokens(), ids.get(i).stream().mapToLong(Long::longValue).toArray());
      assertEquals(expected.get(i).length(), logprobs.get(i).size());
      total += expected.get(i).length();
    }
    assertEquals(total, chunks.getLast().get("usage").get("completion_tokens").asInt());
  }

  @Test
  void greedyTopLogprobsRankTheChosenTokenFirst() {
    ChatCompletion reply = client.chat().completions().create(params(8, 1).temperature(0.0).logprobs(true)
        .topLogprobs(3).build());
    List<ChatCompletionTokenLogprob> content = reply.choices().get(0).logprobs().orElseThrow().content().orElseThrow();
    assertFalse(content.isEmpty());
    for (ChatCompletionTokenLogprob t : content) {
      assertEquals(3, t.topLogprobs().size());
      assertEquals(t.token(), t.topLogprobs().get(0).token());
      assertEquals(t.logprob(), t.topLogprobs().get(0).logprob(), 1e-4);
      assertTrue(t.topLogprobs().get(1).logprob() <= t.topLogprobs().get(0).logprob());
    }
  }

  @Test
  void tokenIdsAndVideoFramesMatchWhatTheTrainerBuilds() throws Exception {
    List<RgbFrame> frames = TinyModelDir.frames();
    StringBuilder url = new StringBuilder("data:video/jpeg;base64,");
    for (int i = 0; i < frames.size(); i++) {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(frames.get(i).toBufferedImage(), "png", png);
      url.append(i == 0 ? "" : ",").append(Base64.getEncoder().encodeToString(png.toByteArray()));
    }
    ObjectNode body = JSON.createObjectNode().put("model", "tiny").put("max_tokens", 10).put("seed", 9)
        .put("return_token_ids", true).put("logprobs", true);
    body.putObject("mm_processor_kwargs").put("fps", 4.0);
    ObjectNode user = body.putArray("messages").addObject().put("role", "user");
    user.putArray("content").addObject().put("type", "video_url").putObject("video_url").put("url", url.toString());
    ((com.fasterxml.jackson.databind.node.ArrayNode) user.get("content")).addObject().put("type", "text")
        .put("text", QUESTION);
    JsonNode reply = JSON.readTree(post(body.toString(), null).body());

    MediaInputs.Encoded media = MediaInputs.encode(frames, false, QwenPatchifier.TEMPORAL_PATCH / 4.0, new int[4]);
    ChatPrompt prompt = new ChatTemplate(tokenizer).prompt(media.placeholder(), QUESTION);
    Completion expected = direct(prompt, List.of(media.visual()), 1, sampling(10, 9)).get(0);
    assertArrayEquals(prompt.ids(), longs(reply.get("prompt_token_ids")), reply.toString());
    assertArrayEquals(expected.tokens(), longs(reply.get("choices").get(0).get("token_ids")));
    assertEquals(text(expected), reply.get("choices").get(0).get("message").get("content").asText());
    JsonNode logprobs = reply.get("choices").get(0).get("logprobs").get("content");
    for (int t = 0; t < expected.length(); t++) { // time positions from the fps sent: the log-probs show them
      assertEquals(expected.logProbs()[t], logprobs.get(t).get("logprob").floatValue(), 1e-5, "token " + t);
    }
  }

  @Test
  void aVideoPathUnderTheMediaRootIsSampledAsTheTrainerSamplesIt() throws Exception {
    Path media = dir.resolve("media");
    java.nio.file.Files.createDirectories(media);
    new dev.videop2r.video.Mp4Writer().write(media.resolve("clip.mp4"), TinyModelDir.frames(), 2.0);
    try (OpenAiServer rooted = OpenAiServer.start(served, new ServeOptions("127.0.0.1", 0, null, media, FRAMES,
        new ServeLimits(1 << 20, 64, 4096, 8, 32, 64, 5), false, false))) {
      MediaInputs trainer = new MediaInputs(new dev.videop2r.video.FfmpegFrameSource(),
          new dev.videop2r.data.MediaRoot(media), FRAMES);
      dev.videop2r.data.Sample sample = new dev.videop2r.data.Sample(1, QUESTION, dev.videop2r.data.DataType.VIDEO,
          dev.videop2r.data.ProblemType.FREE_FORM, List.of(), "<answer>red</answer>", "clip.mp4", "test", List.of(),
          null, null);
      MediaInputs.Encoded expected = trainer.encode(sample);
      ChatPrompt prompt = new ChatTemplate(tokenizer).prompt(expected.placeholder(), QUESTION);
      for (String url : List.of("clip.mp4", "file://" + media.resolve("clip.mp4"))) {
        JsonNode reply = JSON.readTree(postTo(rooted, videoBody(url)).body());
        assertArrayEquals(prompt.ids(), longs(reply.get("prompt_token_ids")), url + ": " + reply);
        Completion c = direct(prompt, List.of(expected.visual()), 1, sampling(6, 4)).get(0);
        assertArrayEquals(c.tokens(), longs(reply.get("choices").get(0).get("token_ids")), url);
      }
      for (String escape : List.of("../tiny/config.json", "/etc/hostname", "file:///etc/hostname")) {
        HttpResponse<String> refused = postTo(rooted, videoBody(escape));
        assertEquals(400, refused.statusCode(), escape);
        assertTrue(refused.body().contains("media"), refused.body());
      }
    }
  }

  private static String videoBody(String url) {
    ObjectNode body = JSON.createObjectNode().put("model", "tiny").put("max_tokens", 6).put("seed", 4)
        .put("return_token_ids", true);
    var content = body.putArray("messages").addObject().put("role", "user").putArray("content");
    content.addObject().put("type", "video_url").putObject("video_url").put("url", url);
    content.addObject().put("type", "text").put("text", QUESTION);
    return body.toString();
  }

  private static HttpResponse<String> postTo(OpenAiServer s, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/chat/completions"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void concurrentRequestsShareOneGenerationAndEachSamplesAsAlone() throws Exception {
    List<Callable<String>> calls = new ArrayList<>();
    for (long seed = 100; seed < 104; seed++) {
      long s = seed;
      calls.add(() -> client.chat().completions().create(params(10, s).build()).choices().get(0).message().content()
          .orElseThrow());
    }
    int before = server.batches();
    List<String> replies = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (Future<String> f : pool.invokeAll(calls)) {
        replies.add(f.get());
      }
    }
    assertTrue(server.batches() - before < 4, "4 concurrent requests ran in " + (server.batches() - before)
        + " generations");
    ChatPrompt prompt = new ChatTemplate(tokenizer).prompt(null, QUESTION);
    for (int i = 0; i < 4; i++) {
      assertEquals(text(direct(prompt, List.of(), 1, sampling(10, 100 + i)).get(0)), replies.get(i), "seed " + (100 + i));
    }
  }

  @Test
  void stopStringsCutTheText() throws Exception {
    ChatPrompt prompt = new ChatTemplate(tokenizer).prompt(null, QUESTION);
    long seed = 0;
    String full = "";
    for (; seed < 50 && full.strip().length() < 6; seed++) {
      full = text(direct(prompt, List.of(), 1, sampling(20, seed)).get(0));
    }
    String stop = full.strip().substring(2, 4);
    ChatCompletion reply = client.chat().completions().create(params(20, seed - 1)
        .stop(ChatCompletionCreateParams.Stop.ofString(stop)).build());
    assertEquals(full.substring(0, full.indexOf(stop)), reply.choices().get(0).message().content().orElseThrow());
    assertEquals("stop", reply.choices().get(0).finishReason().asString());
  }

  @Test
  void badRequestsGetOpenAiErrors() throws Exception {
    assertThrows(NotFoundException.class, () -> client.chat().completions().create(params(4, 1).model("gpt-4").build()));
    BadRequestException hot = assertThrows(BadRequestException.class,
        () -> client.chat().completions().create(params(4, 1).temperature(3.0).build()));
    assertTrue(hot.getMessage().contains("temperature"), hot.getMessage());
    assertThrows(BadRequestException.class, () -> client.chat().completions().create(params(65, 1).build()));
    HttpResponse<String> big = post("{\"model\": \"tiny\", \"pad\": \"" + "x".repeat(1 << 20) + "\"}", null);
    assertEquals(413, big.statusCode());
    JsonNode error = JSON.readTree(big.body()).get("error");
    assertEquals("invalid_request_error", error.get("type").asText());
    HttpResponse<String> notJson = post("{", null);
    assertEquals(400, notJson.statusCode());
    HttpResponse<String> remote = post("{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
        + "\"image_url\",\"image_url\":{\"url\":\"https://example.org/a.png\"}}]}]}", null);
    assertEquals(400, remote.statusCode());
    assertTrue(remote.body().contains("fetches no URLs"), remote.body());
    assertEquals("tiny", client.models().list().data().get(0).id());
    HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(server.baseUrl().replace("/v1", "/health"))).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
  }

  @Test
  void moreChoicesPerRequestThanRowsPerBatchIsRefusedNamingBothSettings() {
    var e = assertThrows(InvalidFieldException.class, () -> OpenAiServer.start(served, new ServeOptions("127.0.0.1",
        0, null, null, FRAMES, new ServeLimits(1 << 20, 64, 4096, 8, 4, 64, 5), false, false)));
    assertEquals("limits.maxN: 8 exceeds limits.maxBatchRows 4", e.getMessage());
  }

  @Test
  void aKeyedServerRefusesOtherKeysAndAFullQueueAnswers429() throws Exception {
    // Capacity 1 and a long batch window: the first request waits in the window while the second arrives.
    try (OpenAiServer keyed = OpenAiServer.start(served, new ServeOptions("127.0.0.1", 0, "sekrit", null, FRAMES,
        new ServeLimits(1 << 20, 64, 4096, 8, 32, 1, 3000), false, false))) {
      OpenAIClient wrong = OpenAIOkHttpClient.builder().baseUrl(keyed.baseUrl()).apiKey("nope").maxRetries(0).build();
      OpenAIClient right = OpenAIOkHttpClient.builder().baseUrl(keyed.baseUrl()).apiKey("sekrit").maxRetries(0).build();
      try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
        assertThrows(UnauthorizedException.class, () -> wrong.chat().completions().create(params(4, 1).build()));
        Future<ChatCompletion> first = pool.submit(() -> right.chat().completions().create(params(4, 1).build()));
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!healthSays(keyed, "\"pending\":1") && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThrows(RateLimitException.class, () -> right.chat().completions().create(params(4, 2).build()));
        assertNotEquals(null, first.get().choices().get(0).message().content().orElseThrow());
      } finally {
        wrong.close();
        right.close();
      }
    }
  }

  @Test
  void loadWeightsSwapsTheServedPolicy() throws Exception {
    Path other = dir.resolve("other");
    java.nio.file.Files.createDirectories(other);
    try (NDManager m = NDManager.newBaseManager();
        QwenVLModel random = QwenVLModel.init(reference.config(), 99, m)) {
      random.save(other);
    }
    ChatPrompt prompt = new ChatTemplate(tokenizer).prompt(null, QUESTION);
    try (NDManager m = NDManager.newBaseManager(); QwenVLModel otherModel = QwenVLModel.load(other, m, DataType.FLOAT32)) {
      Generator generator = new Generator(otherModel, otherModel.manager(), tokenizer.specialTokens().pad(),
          Generator.inputOnlyTokens(otherModel.config()));
      Completion expected = generator.generate(List.of(GenerationPrompt.text(prompt.ids())), 1,
          sampling(12, 3)).get(0);
      Completion before = direct(prompt, List.of(), 1, sampling(12, 3)).get(0);
      assertNotEquals(text(before), text(expected), "the two random models should answer differently");
      HttpResponse<String> loaded = postTo("/load_weights", JSON.createObjectNode().put("path", other.toString())
          .toString());
      assertEquals(200, loaded.statusCode(), loaded.body());
      try {
        assertEquals(text(expected), client.chat().completions().create(params(12, 3).build()).choices().get(0)
            .message().content().orElseThrow());
      } finally {
        assertEquals(200, postTo("/load_weights", JSON.createObjectNode().put("path", dir.resolve("tiny").toString())
            .toString()).statusCode());
      }
      assertEquals(text(before), client.chat().completions().create(params(12, 3).build()).choices().get(0)
          .message().content().orElseThrow());
      assertEquals(400, postTo("/load_weights", "{\"path\": \"/nonexistent\"}").statusCode());
    }
  }

  @Test
  void aLoraAdapterLoadedAtRunTimeIsChosenByModelNameAndCanBeUnloaded() throws Exception {
    Path adapter = dir.resolve("adapter");
    try (NDManager m = NDManager.newBaseManager();
        LoraAdapters lora = LoraAdapters.init(reference.config(),
            new LoraSpec(4, 8.0, 0.0, java.util.Set.of("q_proj", "v_proj", "down_proj")), 5, m)) {
      for (var p : lora.parameters().entrySet()) { // PEFT starts B at zero (adapter = base): make it matter
        if (p.getKey().contains("lora_B")) {
          p.getValue().set(m.randomNormal(0, 0.5f, p.getValue().getShape(), DataType.FLOAT32).toByteBuffer());
        }
      }
      PeftFormat.save(lora, adapter, "tiny");
    }
    ChatPrompt prompt = new ChatTemplate(tokenizer).prompt(null, QUESTION);
    Completion base = direct(prompt, List.of(), 1, sampling(12, 8)).get(0);
    Completion adapted;
    try (NDManager m = NDManager.newBaseManager();
        QwenVLModel folded = QwenVLModel.load(dir.resolve("tiny"), adapter, m, DataType.FLOAT32)) {
      adapted = new Generator(folded, folded.manager(), tokenizer.specialTokens().pad(),
          Generator.inputOnlyTokens(folded.config())).generate(List.of(GenerationPrompt.text(prompt.ids())), 1,
          sampling(12, 8)).get(0);
    }
    assertNotEquals(text(base), text(adapted), "the adapter should change the answer");
    HttpResponse<String> loaded = postTo("/load_lora_adapter", "{\"lora_name\": \"sharp\", \"lora_path\": \""
        + adapter + "\"}");
    assertEquals(200, loaded.statusCode(), loaded.body());
    assertEquals(List.of("tiny", "sharp"), client.models().list().data().stream().map(x -> x.id()).toList());
    assertEquals(text(adapted), client.chat().completions().create(params(12, 8).model("sharp").build()).choices()
        .get(0).message().content().orElseThrow());
    assertEquals(text(base), client.chat().completions().create(params(12, 8).build()).choices().get(0).message()
        .content().orElseThrow());
    assertEquals(200, postTo("/unload_lora_adapter", "{\"lora_name\": \"sharp\"}").statusCode());
    assertThrows(NotFoundException.class, () -> client.chat().completions().create(params(4, 8).model("sharp")
        .build()));
    assertEquals(404, postTo("/unload_lora_adapter", "{\"lora_name\": \"sharp\"}").statusCode());
    assertEquals(400, postTo("/load_lora_adapter", "{\"lora_name\": \"x\", \"lora_path\": \"/nonexistent\"}")
        .statusCode());
  }

  private static HttpResponse<String> postTo(String route, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + route))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static boolean healthSays(OpenAiServer s, String fragment) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(s.baseUrl().replace("/v1", "/health")))
        .build(), HttpResponse.BodyHandlers.ofString()).body().contains(fragment);
  }

  private static HttpResponse<String> post(String body, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }
}
