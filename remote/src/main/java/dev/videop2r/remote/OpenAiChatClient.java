package dev.videop2r.remote;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionUserMessageParam;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chat completions over any OpenAI-compatible server (vLLM, SGLang, llama.cpp server, Ollama, OpenAI) through the
 * official openai-java SDK. Images go as {@code image_url} parts holding JPEG data URLs, before the text; the frames
 * of a video go as one {@code video_url} part (vLLM's frame list) with their sampling rate. The
 * SDK's own retries are off: {@link ResilientChatClient} owns retrying so that both protocols back off alike.
 */
public final class OpenAiChatClient implements ChatClient {

  /** How long an idle pooled connection is kept (OkHttp's default). */
  private static final Duration KEEP_ALIVE = Duration.ofMinutes(5);

  private final OpenAIClient client;
  private final String model;
  private final boolean videoParts;

  /**
   * @param baseUrl the server's API root, e.g. {@code http://127.0.0.1:8000/v1}
   * @param apiKey the key read from the environment by the caller; local servers accept any value
   * @param timeout limit for one whole request
   */
  public OpenAiChatClient(String baseUrl, String model, String apiKey, Duration timeout, int maxIdleConnections) {
    this(baseUrl, model, apiKey, timeout, maxIdleConnections, true);
  }

  /**
   * @param videoParts true: a video's frames go as one {@code video_url} part (vLLM); false: as that many
   *     {@code image_url} parts, for servers without video input (OpenAI, llama.cpp, Ollama), which then give them
   *     image, not video, positions
   */
  public OpenAiChatClient(String baseUrl, String model, String apiKey, Duration timeout, int maxIdleConnections,
      boolean videoParts) {
    this.model = model;
    this.videoParts = videoParts;
    this.client = OpenAIOkHttpClient.builder()
        .baseUrl(baseUrl)
        .apiKey(apiKey == null || apiKey.isEmpty() ? "EMPTY" : apiKey)
        .timeout(timeout)
        .maxRetries(0)
        .maxIdleConnections(maxIdleConnections)
        .keepAliveDuration(KEEP_ALIVE)
        .build();
  }

  @Override
  public String id() {
    return "openai:" + model;
  }

  @Override
  @SuppressWarnings("deprecation") // max_tokens, not max_completion_tokens: llama.cpp and older vLLM read only it
  public ChatReply chat(ChatRequest request) throws RemoteCallException {
    ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
        .model(model)
        .temperature(request.temperature())
        .maxTokens(request.maxTokens());
    if (request.topP() != null) {
      params.topP(request.topP());
    }
    if (request.system() != null) {
      params.addSystemMessage(request.system());
    }
    if (request.images().isEmpty()) {
      params.addUserMessage(request.text());
    } else if (request.videoFps() > 0 && videoParts) {
      params.addMessage(videoMessage(request));
      params.putAdditionalBodyProperty("mm_processor_kwargs", JsonValue.from(Map.of("fps", request.videoFps())));
    } else {
      List<ChatCompletionContentPart> parts = new ArrayList<>();
      for (BufferedImage image : request.images()) {
        parts.add(ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
            .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url(ImageEncoding.dataUrl(image)).build())
            .build()));
      }
      parts.add(ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text(request.text()).build()));
      params.addUserMessageOfArrayOfContentParts(parts);
    }
    try {
      ChatCompletion completion = client.chat().completions().create(params.build());
      if (completion == null) { // the body was JSON null, which the SDK hands back as is
        throw RemoteCallException.unreadable(id(), "the body is null", null);
      }
      if (completion.choices().isEmpty()) {
        throw RemoteCallException.unreadable(id(), "no choices", null);
      }
      ChatCompletion.Choice choice = completion.choices().get(0);
      if (choice == null) {
        throw RemoteCallException.unreadable(id(), "choice 0 is null", null);
      }
      String text = choice.message().content().orElseThrow(
          () -> RemoteCallException.unreadable(id(), "no text content", null));
      return new ChatReply(text, finishReason(choice));
    } catch (OpenAIServiceException e) {
      throw RemoteCallException.http(id(), e.statusCode(), e.getMessage(),
          e.headers().values("retry-after").stream().findFirst().orElse(null), e);
    } catch (OpenAIIoException e) {
      throw RemoteCallException.io(id(), e);
    } catch (OpenAIInvalidDataException e) {
      throw RemoteCallException.unreadable(id(), e.getMessage(), e);
    } catch (OpenAIException e) {
      throw new RemoteCallException(id() + ": " + e.getMessage(), RemoteCallException.NO_STATUS, false, null, e);
    }
  }

  /**
   * The frames as one {@code video_url} part holding vLLM's frame-list data URL ({@code data:video/jpeg;base64,F1,F2,...}),
   * then the text. The SDK has no video part (OpenAI's API has none), so the content goes as raw JSON.
   */
  static ChatCompletionUserMessageParam videoMessage(ChatRequest request) {
    StringBuilder url = new StringBuilder("data:video/jpeg;base64,");
    for (int i = 0; i < request.images().size(); i++) {
      url.append(i == 0 ? "" : ",").append(ImageEncoding.base64Jpeg(request.images().get(i)));
    }
    List<Map<String, Object>> parts = List.of(
        Map.of("type", "video_url", "video_url", Map.of("url", url.toString())),
        Map.of("type", "text", "text", request.text()));
    return ChatCompletionUserMessageParam.builder().content(JsonValue.from(parts)).build();
  }

  private static String finishReason(ChatCompletion.Choice choice) {
    try {
      return choice.finishReason().asString();
    } catch (OpenAIInvalidDataException e) {
      return ""; // some compatible servers omit it; the text is still good
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
