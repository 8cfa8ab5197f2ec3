package dev.videop2r.cli.eval;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Which model answers: a local checkpoint directory, or an OpenAI-compatible endpoint. */
final class ModelOptions {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--model", paramLabel = "DIR",
        description = "A local Qwen2.5-VL checkpoint directory (config.json, model.safetensors, tokenizer.json).")
    Path model;

    @Option(names = "--endpoint", paramLabel = "URL",
        description = "An OpenAI-compatible chat endpoint base URL (e.g. http://127.0.0.1:8000/v1).")
    String endpoint;
  }

  @Option(names = "--adapter", paramLabel = "DIR",
      description = "A PEFT LoRA adapter directory applied to a local --model (for --endpoint, serve the adapter).")
  Path adapter;

  @Option(names = "--endpoint-model", paramLabel = "M", description = "The model name to request from --endpoint.")
  String endpointModel;

  @Option(names = "--api-key-env", paramLabel = "VAR", defaultValue = "OPENAI_API_KEY",
      description = "Environment variable holding the endpoint's API key (default: ${DEFAULT-VALUE}; may be unset"
          + " for local servers). The key is never logged.")
  String apiKeyEnv;

  @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "1024",
      description = "Generation budget per answer (default: ${DEFAULT-VALUE}, Video-R1's max_tokens).")
  int maxNewTokens;

  @Option(names = "--temperature", paramLabel = "T", defaultValue = "0",
      description = "Sampling temperature; 0 is greedy (default; Video-R1 used 0.1 with top_p 0.001, near-greedy).")
  double temperature;

  @Option(names = "--top-p", paramLabel = "P", defaultValue = "1", description = "Nucleus sampling mass when --temperature > 0"
      + " (default: ${DEFAULT-VALUE}).")
  double topP;

  @Option(names = "--dtype", defaultValue = "float32", paramLabel = "float32|float16",
      description = "Weight type of a local --model (default: ${DEFAULT-VALUE}; the model module has no bfloat16).")
  String dtype;

  // The same flag name as the other commands' endpoint options; --timeout-s was its first name. An initial value,
  // not a picocli default, which picocli would apply over the hidden alias.
  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "Limit for one --endpoint request, in seconds (default: 300).")
  int timeoutSeconds = 300;

  @Option(names = "--timeout-s", hidden = true, paramLabel = "SECONDS")
  void legacyTimeout(int seconds) {
    timeoutSeconds = seconds;
  }

  @Option(names = "--video-as", defaultValue = "video", paramLabel = "video|images",
      description = "How --endpoint receives a video's frames: video (default; one vLLM frame-list video_url with"
          + " their fps, so the server builds Qwen's video tokens and time positions) or images (image_url parts,"
          + " for servers without video input).")
  VideoAs videoAs;

  boolean videoParts() {
    return videoAs.videoPart();
  }

  Decoding decoding() {
    return new Decoding(maxNewTokens, temperature, topP);
  }

  DataType dataType() {
    return switch (dtype.strip().toLowerCase(Locale.ROOT)) {
      case "float32" -> DataType.FLOAT32;
      case "float16" -> DataType.FLOAT16;
      default -> throw new IllegalArgumentException("--dtype must be float32 or float16, got '" + dtype + "'");
    };
  }

  /** The row label a run gets by default. */
  String defaultLabel() {
    return source.model != null ? source.model.getFileName().toString() : endpointModel;
  }
}
