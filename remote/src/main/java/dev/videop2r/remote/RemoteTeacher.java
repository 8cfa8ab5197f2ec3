package dev.videop2r.remote;

import dev.videop2r.pipeline.Teacher;
import dev.videop2r.pipeline.TeacherInput;
import java.io.IOException;

/**
 * A vision-language teacher behind a {@link ChatClient}: the sampled frames (one video, or an image), then the
 * process-aware prompt.
 */
public final class RemoteTeacher implements Teacher {

  private final ChatClient client;
  private final double temperature;
  private final int maxTokens;

  /**
   * @param temperature 0 by default (paper: greedy teacher; Video-R1's script used 1.0)
   * @param maxTokens response budget; observation + think + answer needs more than Video-R1's 512
   */
  public RemoteTeacher(ChatClient client, double temperature, int maxTokens) {
    this.client = client;
    this.temperature = temperature;
    this.maxTokens = maxTokens;
  }

  @Override
  public String id() {
    return client.id();
  }

  @Override
  public String respond(TeacherInput input) throws IOException, InterruptedException {
    return client.chat(ChatRequest.of(null, input.prompt(), input.frames(), temperature, null, maxTokens)).text();
  }
}
