package dev.videop2r.cli.eval;

import dev.videop2r.data.FrameRequest;
import dev.videop2r.data.FrameSource;
import dev.videop2r.data.SampledFrames;
import dev.videop2r.evaluation.AnswerModel;
import dev.videop2r.evaluation.AnswerRequest;
import dev.videop2r.remote.ChatClient;
import dev.videop2r.remote.ChatRequest;

/**
 * Answers through an OpenAI-compatible chat endpoint. The video is sampled here (qwen-vl-utils rules,
 * {@link FrameSource}) and sent before the text as one video of those frames with their sampling rate (vLLM's
 * frame-list {@code video_url}), so the server builds the video tokens and temporal positions a local run builds
 * (docs/serve.md).
 */
final class EndpointAnswerModel implements AnswerModel {

  private final ChatClient client;
  private final FrameSource frames;
  private final FrameRequest frameRequest;
  private final Decoding decoding;

  EndpointAnswerModel(ChatClient client, FrameSource frames, FrameRequest frameRequest, Decoding decoding) {
    this.client = client;
    this.frames = frames;
    this.frameRequest = frameRequest;
    this.decoding = decoding;
  }

  @Override
  public String answer(AnswerRequest request) throws Exception {
    SampledFrames sampled = request.video().isPresent() ? frames.sample(request.video().get(), frameRequest) : null;
    Double topP = decoding.greedy() || decoding.topP() == 1 ? null : decoding.topP();
    return client.chat(ChatRequest.of(null, request.prompt(), sampled, decoding.temperature(), topP,
        decoding.maxNewTokens())).text();
  }

  @Override
  public String describe() {
    return "endpoint:" + client.id();
  }

  @Override
  public void close() {
    client.close();
  }
}
