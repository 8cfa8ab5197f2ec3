package dev.videop2r.cli.eval;

import dev.videop2r.cli.LocalModelOptions;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.evaluation.AnswerModel;
import dev.videop2r.evaluation.VideoSampling;
import dev.videop2r.remote.ChatClient;
import dev.videop2r.remote.OpenAiChatClient;
import dev.videop2r.remote.ResilientChatClient;
import dev.videop2r.remote.RetryPolicy;
import dev.videop2r.remote.Throttle;
import dev.videop2r.video.FfmpegFrameSource;
import java.io.PrintWriter;
import java.time.Duration;

/** Opens the {@link AnswerModel} the command line asks for. */
final class AnswerModels {

  /** Video-R1's eval VIDEO_MIN_PIXELS (128·28·28); lowered to the maximum when that is smaller. */
  private static final int MIN_PIXELS = 128 * 28 * 28;
  /** qwen-vl-utils' sampling rate before the frame bounds apply. */
  private static final double FPS = 2.0;

  private AnswerModels() {}

  /**
   * @param workers requests an endpoint gets at once (the run's --workers): the client's throttle and connection
   *     pool are sized to it
   * @param log where a local model says its start-up line (engine, device, dtype)
   */
  static AnswerModel open(ModelOptions options, VideoSampling sampling, int workers, PrintWriter log) {
    FrameRequest frames = new FrameRequest(
        sampling.frames(), FPS, Math.min(MIN_PIXELS, sampling.maxPixels()), sampling.maxPixels());
    if (options.source.endpoint != null) {
      return new EndpointAnswerModel(chatClient(options.source.endpoint, options.endpointModel, options.apiKeyEnv,
          options.timeoutSeconds, options.videoParts(), workers), new FfmpegFrameSource(), frames,
          options.decoding());
    }
    LocalModelOptions local = options.local();
    return LocalAnswerModel.open(local.model(), local.adapter(), local.dataType(), local.announce(log), frames,
        options.decoding());
  }

  /** An OpenAI-compatible client with the pipeline's retry and throttle; the key comes from the environment. */
  static ChatClient chatClient(String baseUrl, String model, String apiKeyEnv, int timeoutSeconds,
      boolean videoParts, int workers) {
    String key = System.getenv(apiKeyEnv);
    ChatClient raw = new OpenAiChatClient(baseUrl, model, key, Duration.ofSeconds(timeoutSeconds),
        Math.max(4, workers), videoParts);
    return new ResilientChatClient(raw, RetryPolicy.defaults(), new Throttle(workers, 0));
  }
}
