package dev.videop2r.cli.eval;

import dev.videop2r.cli.LocalModelOptions;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Which model answers: a local checkpoint directory, or an OpenAI-compatible endpoint. */
final class ModelOptions {

  // Not validated by picocli, whose group messages name the wrong thing ("Missing required argument --model" for
  // --endpoint with --adapter): validate() says what to give instead.
  @ArgGroup(exclusive = true, validate = false)
  Source source;

  static final class Source {
    @ArgGroup(exclusive = false, validate = false)
    LocalModelOptions local;

    @Option(names = "--endpoint", paramLabel = "URL",
        description = "An OpenAI-compatible chat endpoint base URL (e.g. http://127.0.0.1:8000/v1).")
    String endpoint;
  }

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

  /**
   * Exactly one of a local {@code --model} and an {@code --endpoint}; the local model's flags ({@code --adapter},
   * {@code --dtype}, {@code --device}) only with {@code --model}, since a server holds its own weights.
   * {@code options} is null when none of the group's flags was given.
   */
  static void validate(ModelOptions options, CommandLine.ParseResult parsed) {
    Source source = options == null ? null : options.source;
    boolean endpoint = source != null && source.endpoint != null;
    boolean model = source != null && source.local != null && source.local.model() != null;
    if (endpoint && model) {
      throw new IllegalArgumentException("give either --model DIR (a local checkpoint) or --endpoint URL (a server),"
          + " not both");
    }
    List<String> localOnly = List.of("--adapter", "--dtype", "--device").stream()
        .filter(parsed::hasMatchedOption).toList();
    if (endpoint && !localOnly.isEmpty()) {
      throw new IllegalArgumentException(String.join(", ", localOnly) + " apply to a local --model only; with"
          + " --endpoint the server holds the weights: load the adapter there (videop2r serve --enable-lora, vLLM"
          + " --enable-lora --lora-modules NAME=DIR) and request it with --endpoint-model NAME");
    }
    if (!endpoint && !model) {
      throw new IllegalArgumentException(localOnly.isEmpty()
          ? "give --model DIR (a local checkpoint) or --endpoint URL (an OpenAI-compatible server)"
          : String.join(", ", localOnly) + " need --model DIR, the local base checkpoint they apply to");
    }
  }

  /** The local model's options, or null with --endpoint. */
  LocalModelOptions local() {
    return source.local;
  }

  /** The row label a run gets by default. */
  String defaultLabel() {
    return source.local != null ? source.local.model().getFileName().toString() : endpointModel;
  }
}
