package dev.videop2r.remote;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Chat completions over any OpenAI-compatible server (vLLM, SGLang, llama.cpp server, Ollama, OpenAI) through the
 * official openai-java SDK. Images go as {@code image_url} parts holding JPEG data URLs, before the text. The
 * SDK's own retries are off: {@link ResilientChatClient} owns retrying so that both protocols back off alike.
 */
public final class OpenAiChatClient implements ChatClient {

  /** How long an idle pooled connection is kept (OkHttp's default). */
  private static final Duration KEEP_ALIVE = Duration.ofMinutes(5);

  private final OpenAIClient client;
  private final String model;

  /**
   * @param baseUrl the server's API root, e.g. {@code http://127.0.0.1:8000/v1}
   * @param apiKey the key read from the environment by the caller; local servers accept any value
   * @param timeout limit for one whole request
   */
  public OpenAiChatClient(String baseUrl, String model, String apiKey, Duration timeout, int maxIdleConnections) {
    this.model = model;
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
      if (completion.choices().isEmpty()) {
        throw RemoteCallException.unreadable(id(), "no choices", null);
      }
      ChatCompletion.Choice choice = completion.choices().get(0);
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
