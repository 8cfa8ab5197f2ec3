package dev.videop2r.bench.serve;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.io.Json;
import dev.videop2r.model.QwenVLModel;
import dev.videop2r.model.TinyQwen;
import dev.videop2r.model.VisualInputs;
import dev.videop2r.model.generate.Completion;
import dev.videop2r.model.generate.GenerationConfig;
import dev.videop2r.model.generate.GenerationPrompt;
import dev.videop2r.model.generate.Generator;
import dev.videop2r.model.generate.TokenListener;
import dev.videop2r.model.tokenizer.ChatPrompt;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.model.tokenizer.WordLevelTokenizerBuilder;
import dev.videop2r.serve.OpenAiServer;
import dev.videop2r.serve.ServeLimits;
import dev.videop2r.serve.ServeOptions;
import dev.videop2r.serve.ServedModel;
import dev.videop2r.training.MediaInputs;
import dev.videop2r.video.QwenPatchifier;
import dev.videop2r.video.RgbFrame;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * {@code videop2r serve} under 1, 8 and 32 concurrent clients (docs/benchmarks.md, "## Serving") against the embedded
 * generator decoding the same requests as batches of 1, 8 and 32 (same prompts, same seeds, so the same tokens).
 * Model: the quickstart's tiny Qwen2.5-VL, or {@code mid} (GenerationBench's size), random weights. Each request: a 4-frame 56x56 video sent as a PNG frame
 * list, a question, {@code max_tokens} 64, temperature 1, its own seed. Request bodies are built before timing.
 * Prints markdown rows: requests/s, generated tokens/s, process CPU seconds, and serve / embedded.
 *
 * <p>Usage: {@code ServeThroughputBench [rounds=4 [batchWindowMillis=5 [tiny|mid]]]} (each client sends
 * {@code rounds} requests).
 */
public final class ServeThroughputBench {
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final String QUESTION = "what colour is the square and where does it move ?";
  private static final int MAX_TOKENS = 64;
  private static final int[] CLIENTS = {1, 8, 32};

  private ServeThroughputBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int windowMillis = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    boolean mid = args.length > 2 && args[2].equals("mid");
    // tiny: the quickstart's model; mid: GenerationBench's size (text hidden 256, 4 layers; vision hidden 128)
    TinyQwen size = mid ? new TinyQwen(256, 4, 4, 2, 688, 2, 128, 4, 256) : new TinyQwen(128, 3, 4, 2, 352, 2, 64, 2, 128);
    Path dir = Files.createTempDirectory("servebench");
    Path model = dir.resolve("tiny");
    Files.createDirectories(model);
    var vocab = new WordLevelTokenizerBuilder().addText(ChatTemplate.DEFAULT_SYSTEM_PROMPT + " system user assistant "
        + QUESTION + " red green blue left right up down").write(model.resolve("tokenizer.json"));
    try (NDManager m = NDManager.newBaseManager();
        QwenVLModel random = QwenVLModel.init(size.config(vocab), 1, m)) {
      random.save(model);
    }
    List<RgbFrame> frames = frames();
    FrameRequest budget = new FrameRequest(4, 2.0, 56 * 56, 56 * 56);
    System.out.printf("model: %s, %d CPUs, %d rounds, batch window %d ms%n", size,
        Runtime.getRuntime().availableProcessors(), rounds, windowMillis);
    System.out.println("| clients | requests | generations | serve req/s | serve tok/s | process CPU s | of it batcher CPU s"
        + " | embedded tok/s (batch = clients) | embedded CPU s | serve / embedded (tok/s) |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    try (ServedModel served = ServedModel.load(model, "tiny", null, DataType.FLOAT32);
        OpenAiServer server = OpenAiServer.start(served, new ServeOptions("127.0.0.1", 0, null, null, budget,
            new ServeLimits(1 << 24, MAX_TOKENS, 4096, 8, 64, 1024, windowMillis), false, false));
        NDManager m = NDManager.newBaseManager();
        QwenVLModel local = QwenVLModel.load(model, m, DataType.FLOAT32);
        HfTextTokenizer tokenizer = HfTextTokenizer.load(model)) {
      Generator generator = new Generator(local, local.manager(), tokenizer.specialTokens().pad(),
          Generator.inputOnlyTokens(local.config()));
      MediaInputs.Encoded media = MediaInputs.encode(frames, false, QwenPatchifier.TEMPORAL_PATCH / 2.0, new int[4]);
      ChatPrompt prompt = new ChatTemplate(tokenizer).prompt(media.placeholder(), QUESTION);
      String url = frameList(frames);
      HttpClient http = HttpClient.newHttpClient();
      // warm-up: both paths, every batch size once
      for (int clients : CLIENTS) {
        serve(http, server.baseUrl(), url, clients, 1, 1000);
        embedded(generator, prompt, media.visual(), tokenizer.specialTokens().eos(), clients, 1, 1000);
      }
      for (int clients : CLIENTS) {
        long seed0 = 10_000L * clients;
        int batches0 = server.batches();
        long batcher0 = batcherCpu();
        long cpu0 = cpu();
        long t0 = System.nanoTime();
        long served0 = serve(http, server.baseUrl(), url, clients, rounds, seed0);
        double serveSeconds = (System.nanoTime() - t0) / 1e9;
        double serveCpu = (cpu() - cpu0) / 1e9;
        int batches = server.batches() - batches0;
        double batcherCpu = (batcherCpu() - batcher0) / 1e9;
        cpu0 = cpu();
        t0 = System.nanoTime();
        long embeddedTokens = embedded(generator, prompt, media.visual(), tokenizer.specialTokens().eos(), clients,
            rounds, seed0);
        double embeddedSeconds = (System.nanoTime() - t0) / 1e9;
        double embeddedCpu = (cpu() - cpu0) / 1e9;
        if (embeddedTokens != served0) {
          throw new IllegalStateException("served " + served0 + " tokens but the embedded run made " + embeddedTokens);
        }
        int requests = clients * rounds;
        System.out.printf("| %d | %d | %d | %.1f | %.0f | %.1f | %.1f | %.0f | %.1f | %.0f %% |%n", clients, requests,
            batches, requests / serveSeconds, served0 / serveSeconds, serveCpu, batcherCpu,
            embeddedTokens / embeddedSeconds, embeddedCpu,
            100 * (served0 / serveSeconds) / (embeddedTokens / embeddedSeconds));
      }
    }
  }

  /** {@code clients} clients, each sending {@code rounds} requests one after another; returns generated tokens. */
  private static long serve(HttpClient http, String baseUrl, String frameUrl, int clients, int rounds, long seed0)
      throws Exception {
    List<List<String>> bodies = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      List<String> mine = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        mine.add(body(frameUrl, seed0 + (long) r * clients + c));
      }
      bodies.add(mine);
    }
    AtomicInteger tokens = new AtomicInteger();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> running = new ArrayList<>();
      for (List<String> mine : bodies) {
        running.add(pool.submit(() -> {
          for (String body : mine) {
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
              throw new IllegalStateException(reply.statusCode() + ": " + reply.body());
            }
            JsonNode usage = JSON.readTree(reply.body()).path("usage");
            tokens.addAndGet(usage.path("completion_tokens").asInt());
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    }
    return tokens.get();
  }

  /** The same requests decoded by the generator directly, {@code clients} rows per call. */
  private static long embedded(Generator generator, ChatPrompt prompt, VisualInputs visual, long[] eos, int clients,
      int rounds, long seed0) {
    long tokens = 0;
    GenerationPrompt one = new GenerationPrompt(prompt.ids(), List.of(visual));
    for (int r = 0; r < rounds; r++) {
      List<GenerationPrompt> prompts = new ArrayList<>();
      long[] seeds = new long[clients];
      for (int c = 0; c < clients; c++) {
        prompts.add(one);
        seeds[c] = seed0 + (long) r * clients + c;
      }
      for (Completion c : generator.generate(prompts, 1, GenerationConfig.sampling(MAX_TOKENS, 1.0, 1.0, 0, eos),
          TokenListener.NONE, seeds)) {
        tokens += c.length();
      }
    }
    return tokens;
  }

  private static String body(String frameUrl, long seed) {
    ObjectNode body = JSON.createObjectNode().put("model", "tiny").put("max_tokens", MAX_TOKENS)
        .put("temperature", 1.0).put("seed", seed);
    var content = body.putArray("messages").addObject().put("role", "user").putArray("content");
    content.addObject().put("type", "video_url").putObject("video_url").put("url", frameUrl);
    content.addObject().put("type", "text").put("text", QUESTION);
    return body.toString();
  }

  private static String frameList(List<RgbFrame> frames) throws Exception {
    StringBuilder url = new StringBuilder("data:video/jpeg;base64,");
    for (int i = 0; i < frames.size(); i++) {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(frames.get(i).toBufferedImage(), "png", png);
      url.append(i == 0 ? "" : ",").append(Base64.getEncoder().encodeToString(png.toByteArray()));
    }
    return url.toString();
  }

  private static List<RgbFrame> frames() {
    List<RgbFrame> frames = new ArrayList<>();
    for (int f = 0; f < 4; f++) {
      byte[] rgb = new byte[56 * 56 * 3];
      for (int i = 0; i < 56 * 56; i++) {
        rgb[3 * i] = (byte) (i % 56 < 56 - 12 * f ? 200 : 20);
      }
      frames.add(new RgbFrame(56, 56, rgb));
    }
    return frames;
  }

  /** CPU time of the server's batching thread: the generations themselves. */
  private static long batcherCpu() {
    var threads = ManagementFactory.getThreadMXBean();
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("videop2r-serve-batcher"))
        .mapToLong(t -> threads.getThreadCpuTime(t.threadId())).sum();
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
