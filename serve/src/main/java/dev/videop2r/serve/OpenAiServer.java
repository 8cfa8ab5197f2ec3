package dev.videop2r.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.videop2r.io.Json;
import dev.videop2r.spec.InvalidFieldException;
import dev.videop2r.video.FfmpegFrameSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The OpenAI-compatible HTTP server: {@code POST /v1/chat/completions} (whole or streamed), {@code GET /v1/models},
 * {@code GET /health}, vLLM's runtime LoRA routes and our weight reload (both off unless enabled). Built on the JDK's {@code com.sun.net.httpserver} with one virtual thread per exchange: it
 * needs no dependency (nothing to shade into the CLI's one jar), streams server-sent events through chunked
 * responses, and the HTTP layer is never the bottleneck here (one generation at a time owns the model; see
 * docs/serve.md). Every /v1 route checks the bearer key when one is set; errors are OpenAI error bodies.
 */
public final class OpenAiServer implements AutoCloseable {
  private static final ObjectMapper JSON = Json.MAPPER;
  /** A body over the limit is drained up to this many times the limit before the 413 goes out. */
  private static final long DISCARD_FACTOR = 16;

  private final HttpServer http;
  private final ExecutorService threads;
  private final BatchScheduler scheduler;
  private final ChatCompletions chat;
  private final ServedModel model;
  private final ServeOptions options;
  private final byte[] apiKey;

  private OpenAiServer(HttpServer http, ExecutorService threads, BatchScheduler scheduler, ChatCompletions chat,
      ServedModel model, ServeOptions options) {
    this.http = http;
    this.threads = threads;
    this.scheduler = scheduler;
    this.chat = chat;
    this.model = model;
    this.options = options;
    this.apiKey = options.apiKey() == null || options.apiKey().isEmpty() ? null
        : ("Bearer " + options.apiKey()).getBytes(StandardCharsets.UTF_8);
  }

  /** Binds, starts the batching thread and starts serving; the model stays the caller's to close. */
  public static OpenAiServer start(ServedModel model, ServeOptions options) throws IOException {
    ServeLimits limits = options.limits();
    if (limits.maxN() > limits.maxBatchRows()) {
      throw new InvalidFieldException("limits.maxN", name -> limits.maxN() + " exceeds "
          + name.apply("limits.maxBatchRows") + " " + limits.maxBatchRows());
    }
    HttpServer http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    BatchScheduler scheduler = new BatchScheduler(model.generator(), model::select, model.topLogProbs(), limits);
    MediaLoader media = new MediaLoader(new FfmpegFrameSource(), options.mediaRoot(), options.frames());
    ChatCallParser parser = new ChatCallParser(model, model.tokenizer().specialTokens().eos(), limits, media);
    ChatCompletions chat = new ChatCompletions(model, parser, scheduler,
        new ChatResponses(JSON, model.tokenizer()), limits);
    OpenAiServer server = new OpenAiServer(http, threads, scheduler, chat, model, options);
    http.createContext("/", server::handle);
    http.setExecutor(threads);
    http.start();
    return server;
  }

  /** The bound port (the free one chosen when the options said 0). */
  public int port() {
    return http.getAddress().getPort();
  }

  /** The API root clients are given, e.g. {@code http://127.0.0.1:8000/v1}. */
  public String baseUrl() {
    String host = http.getAddress().getHostString();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/v1";
  }

  /** Generations run so far. */
  public int batches() {
    return scheduler.batches();
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      try {
        route(exchange);
      } catch (ApiException e) {
        sendJson(exchange, e.status(), e.body(JSON));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        sendJson(exchange, 503, new ApiException(503, "server_error", null, "interrupted").body(JSON));
      } catch (RuntimeException e) {
        sendJson(exchange, 500, new ApiException(500, "server_error", null, "internal error: " + e).body(JSON));
      }
    } catch (IOException e) {
      // the client went away; nothing left to tell it
    }
  }

  private void route(HttpExchange exchange) throws IOException, InterruptedException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if (path.equals("/health")) {
      requireMethod(method, "GET");
      ObjectNode health = JSON.createObjectNode().put("status", "ok").put("pending", scheduler.pending());
      sendJson(exchange, 200, health);
      return;
    }
    if (!path.startsWith("/v1/")) {
      throw new ApiException(404, "not_found_error", null, "no route " + path);
    }
    authorize(exchange);
    switch (path) {
      case "/v1/models" -> {
        requireMethod(method, "GET");
        sendJson(exchange, 200, models());
      }
      case "/v1/chat/completions" -> {
        requireMethod(method, "POST");
        ChatCompletions.Prepared prepared;
        scheduler.arriving(1); // the batcher waits for requests still being read and parsed
        try {
          prepared = chat.prepare(readJson(exchange));
        } finally {
          scheduler.arriving(-1);
        }
        if (prepared.call().stream()) {
          stream(exchange, prepared);
        } else {
          sendJson(exchange, 200, chat.complete(prepared));
        }
      }
      case "/v1/load_weights" -> {
        requireMethod(method, "POST");
        sendJson(exchange, 200, loadWeights(readJson(exchange)));
      }
      case "/v1/load_lora_adapter" -> {
        requireMethod(method, "POST");
        sendText(exchange, loadLora(readJson(exchange)));
      }
      case "/v1/unload_lora_adapter" -> {
        requireMethod(method, "POST");
        sendText(exchange, unloadLora(readJson(exchange)));
      }
      default -> throw new ApiException(404, "not_found_error", null, "no route " + path);
    }
  }

  /**
   * Our own admin route (vLLM has none for full weights): {@code {"path": DIR}} names a checkpoint directory on this
   * machine with the served architecture; its weights replace the served ones between two batches.
   */
  private ObjectNode loadWeights(JsonNode body) throws InterruptedException {
    if (!options.weightReload()) {
      throw new ApiException(404, "not_found_error", null, "weight reload is off (start serve with --allow-weight-reload)");
    }
    String path = body.path("path").asText("");
    if (path.isEmpty() || !java.nio.file.Files.isRegularFile(java.nio.file.Path.of(path, "config.json"))) {
      throw ApiException.invalid("path", "'path' must name a checkpoint directory on the server (config.json,"
          + " safetensors)");
    }
    long t0 = System.nanoTime();
    onModelThread(() -> model.reloadWeights(java.nio.file.Path.of(path)), "path", "cannot load weights from " + path);
    return JSON.createObjectNode().put("status", "ok").put("path", path)
        .put("seconds", (System.nanoTime() - t0) / 1e9);
  }

  /** The served model, then each runtime adapter with the served model as its parent (vLLM's listing). */
  private ObjectNode models() {
    ObjectNode root = JSON.createObjectNode().put("object", "list");
    var data = root.putArray("data");
    for (String name : model.names()) {
      ObjectNode entry = data.addObject()
          .put("id", name)
          .put("object", "model")
          .put("created", System.currentTimeMillis() / 1000)
          .put("owned_by", "videop2r")
          .put("max_model_len", options.limits().maxModelLength());
      if (!name.equals(model.name())) {
        entry.put("parent", model.name());
      }
    }
    return root;
  }

  /**
   * vLLM's runtime LoRA route: {@code {"lora_name": N, "lora_path": DIR}} loads a PEFT adapter (a directory on this
   * machine) that requests then select with {@code "model": N}; loading a name again replaces its adapter.
   */
  private String loadLora(JsonNode body) throws InterruptedException {
    requireLora();
    String name = body.path("lora_name").asText("");
    String path = body.path("lora_path").asText("");
    if (name.isEmpty() || path.isEmpty()) {
      throw ApiException.invalid(null, "both 'lora_name' and 'lora_path' are required");
    }
    onModelThread(() -> model.loadLora(name, java.nio.file.Path.of(path)), "lora_path",
        "cannot load adapter from " + path);
    return "Success: LoRA adapter '" + name + "' added successfully.";
  }

  private String unloadLora(JsonNode body) throws InterruptedException {
    requireLora();
    String name = body.path("lora_name").asText("");
    boolean[] removed = {false};
    onModelThread(() -> removed[0] = model.unloadLora(name), "lora_name", "cannot unload " + name);
    if (!removed[0]) {
      throw new ApiException(404, "not_found_error", "lora_name", "no LoRA adapter named '" + name + "'");
    }
    return "Success: LoRA adapter '" + name + "' removed successfully.";
  }

  private void requireLora() {
    if (!options.lora()) {
      throw new ApiException(404, "not_found_error", null, "runtime LoRA is off (start serve with --enable-lora)");
    }
  }

  /** Runs {@code task} between two generations; its failure is a 400 naming {@code param}. */
  private void onModelThread(Runnable task, String param, String failure) throws InterruptedException {
    try {
      scheduler.exclusive(() -> {
        task.run();
        return null;
      }).get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw ApiException.invalid(param, failure + ": " + e.getCause().getMessage());
    }
  }

  private void stream(HttpExchange exchange, ChatCompletions.Prepared prepared)
      throws IOException, InterruptedException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    boolean[] started = {false};
    OutputStream out = exchange.getResponseBody();
    try {
      chat.stream(prepared, data -> {
        if (!started[0]) {
          exchange.sendResponseHeaders(200, 0);
          started[0] = true;
        }
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      });
    } catch (ApiException e) {
      if (!started[0]) {
        throw e; // nothing sent yet: an ordinary error reply
      }
      out.write(("data: " + e.body(JSON) + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private void authorize(HttpExchange exchange) {
    if (apiKey == null) {
      return;
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(apiKey, given)) {
      throw new ApiException(401, "authentication_error", null, "missing or wrong API key (Authorization: Bearer ...)");
    }
  }

  private static void requireMethod(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw new ApiException(405, "invalid_request_error", null, "use " + allowed + " here, not " + method);
    }
  }

  private JsonNode readJson(HttpExchange exchange) throws IOException {
    long limit = options.limits().maxBodyBytes();
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    long declared;
    try {
      declared = length == null ? -1 : Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      throw ApiException.invalid(null, "bad Content-Length: " + length);
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      if (declared > limit) {
        discard(in, DISCARD_FACTOR * limit);
        throw tooLarge(limit);
      }
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (body.length > limit) {
        discard(in, DISCARD_FACTOR * limit);
        throw tooLarge(limit);
      }
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.invalid(null, "the body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * Reads and drops what the client is still sending (up to a bound), so that it reads the 413 instead of a reset
   * connection; a body past the bound is cut off.
   */
  private static void discard(InputStream in, long atMost) throws IOException {
    long left = atMost;
    for (long skipped = in.skip(left); skipped > 0 && left > 0; skipped = in.skip(left)) {
      left -= skipped;
    }
  }

  private static ApiException tooLarge(long limit) {
    return new ApiException(413, "invalid_request_error", null, "the request body exceeds " + limit
        + " bytes (--max-body-mb)");
  }

  /** A plain-text 200, as vLLM answers its LoRA routes. */
  private static void sendText(HttpExchange exchange, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    http.stop(0);
    scheduler.close();
    threads.shutdownNow();
  }
}
