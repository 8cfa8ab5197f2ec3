package dev.videop2r.cli.eval;

import dev.videop2r.data.FrameRequest;
import dev.videop2r.data.FrameSource;
import dev.videop2r.evaluation.AnswerModel;
import dev.videop2r.evaluation.AnswerRequest;
import dev.videop2r.remote.ChatClient;
import dev.videop2r.remote.ChatRequest;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * Answers through an OpenAI-compatible chat endpoint. The video is sampled here (qwen-vl-utils rules,
 * {@link FrameSource}) and sent as that many images before the text, the order Video-R1 uses; the server
 * sees frames, not a video, so its temporal position ids follow its image handling (docs/evaluation.md).
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
    List<BufferedImage> images = List.of();
    if (request.video().isPresent()) {
      Path video = request.video().get();
      images = frames.sample(video, frameRequest).images();
    }
    Double topP = decoding.greedy() || decoding.topP() == 1 ? null : decoding.topP();
    return client.chat(new ChatRequest(null, request.prompt(), images, decoding.temperature(), topP,
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
