package dev.videop2r.remote;

import java.io.IOException;

/**
 * A general "chat with images" client: the teacher, the judge, and remote rollout or evaluation endpoints all
 * talk to models through it. Implementations are thread-safe.
 */
public interface ChatClient extends AutoCloseable {

  /** Protocol and model, e.g. {@code openai:Qwen2.5-VL-72B-Instruct}; never contains credentials. */
  String id();

  /**
   * Sends one request and returns the reply.
   *
   * @throws RemoteCallException when the call fails; it says whether retrying may help
   */
  ChatReply chat(ChatRequest request) throws IOException, InterruptedException;

  @Override
  void close();
}
