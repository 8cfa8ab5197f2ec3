package dev.videop2r.cli.serve;

import dev.videop2r.cli.FrameOptions;
import dev.videop2r.cli.LocalModelOptions;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.serve.OpenAiServer;
import dev.videop2r.serve.ServeLimits;
import dev.videop2r.serve.ServeOptions;
import dev.videop2r.serve.ServedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code videop2r serve}: a checkpoint behind an OpenAI-compatible HTTP API (docs/serve.md). */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve a checkpoint over an OpenAI-compatible API (/v1/chat/completions, /v1/models, /health)"
        + " until interrupted.")
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = false, multiplicity = "1", heading = "Model (--adapter is folded into the served"
      + " weights):%n")
  LocalModelOptions model;

  @Option(names = "--enable-lora",
      description = "Serve vLLM's runtime LoRA routes: POST /v1/load_lora_adapter {\"lora_name\", \"lora_path\"} and"
          + " /v1/unload_lora_adapter {\"lora_name\"}; a request's \"model\" picks the base or an adapter.")
  boolean lora;

  @Option(names = "--served-model-name", paramLabel = "NAME",
      description = "The model name clients send (default: the --model directory's name).")
  String servedName;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}, loopback only; 0.0.0.0 serves the network).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8000", description = "Port, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--api-key-env", defaultValue = "VIDEOP2R_SERVE_API_KEY", paramLabel = "VAR",
      description = "Environment variable holding the bearer key clients must send; no key is required when it is"
          + " unset or empty (default: ${DEFAULT-VALUE}).")
  String apiKeyEnv;

  @Option(names = "--media-root", paramLabel = "DIR",
      description = "Directory that image_url/video_url paths may name (default: none, data: URLs only).")
  Path mediaRoot;

  @Mixin FrameOptions frames = FrameOptions.inference();

  @Option(names = "--min-pixels", defaultValue = "100352", paramLabel = "PIXELS",
      description = "Pixels per frame at least, lowered to --max-pixels when larger (default: ${DEFAULT-VALUE} ="
          + " 128*28*28). Frames of another size are resized, as the HF processor does.")
  int minPixels;

  @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "1024",
      description = "Largest max_tokens a request may ask for, and its default (default: ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(names = "--max-model-len", paramLabel = "TOKENS", defaultValue = "32768",
      description = "Prompt plus max_tokens at most (default: ${DEFAULT-VALUE}).")
  int maxModelLength;

  @Option(names = "--max-n", paramLabel = "N", defaultValue = "16", description = "Largest n (default: ${DEFAULT-VALUE}).")
  int maxN;

  @Option(names = "--max-batch-rows", paramLabel = "N", defaultValue = "64",
      description = "Completions decoded together at most (default: ${DEFAULT-VALUE}).")
  int maxBatchRows;

  @Option(names = "--queue", paramLabel = "N", defaultValue = "256",
      description = "Requests waiting or running at most; more get 429 (default: ${DEFAULT-VALUE}).")
  int queue;

  @Option(names = "--batch-window-ms", paramLabel = "MS", defaultValue = "5",
      description = "An idle server batches requests that arrive less than this many ms apart, or are still being"
          + " parsed, with the first (at most 20 windows; default: ${DEFAULT-VALUE}).")
  int batchWindowMillis;

  @Option(names = "--max-body-mb", paramLabel = "MIB", defaultValue = "64",
      description = "Largest request body in MiB (default: ${DEFAULT-VALUE}).")
  int maxBodyMb;

  @Option(names = "--allow-weight-reload",
      description = "Accept POST /v1/load_weights {\"path\": DIR}: replace the weights with a checkpoint on this"
          + " machine (how `rl --rollout-url` syncs a full-weight policy; needs a filesystem both see).")
  boolean weightReload;

  @Override
  public Integer call() throws InterruptedException {
    Path dir = model.model();
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--model " + dir + " is not a directory");
    }
    if (mediaRoot != null && !Files.isDirectory(mediaRoot)) {
      throw new IllegalArgumentException("--media-root " + mediaRoot + " is not a directory");
    }
    if (maxBodyMb < 1) {
      throw new IllegalArgumentException("--max-body-mb must be >= 1, got " + maxBodyMb);
    }
    FrameRequest frameRequest = frames.request(minPixels);
    ServeLimits limits = new ServeLimits((long) maxBodyMb << 20, maxTokens, maxModelLength, maxN, maxBatchRows, queue,
        batchWindowMillis);
    String name = servedName != null ? servedName : dir.toAbsolutePath().normalize().getFileName().toString();
    String key = System.getenv(apiKeyEnv);
    PrintWriter out = spec.commandLine().getOut();
    try (ServedModel served = ServedModel.load(dir, model.adapter(), name,
        model.announce(spec.commandLine().getErr()).djl(), model.dataType());
        OpenAiServer server = OpenAiServer.start(served, new ServeOptions(host, port, key, mediaRoot, frameRequest,
            limits, weightReload, lora))) {
      out.printf("serve: %s at %s (%s)%n", name, server.baseUrl(),
          key == null || key.isEmpty() ? "no API key" : "bearer key from $" + apiKeyEnv);
      out.flush();
      CountDownLatch forever = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
      forever.await();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
