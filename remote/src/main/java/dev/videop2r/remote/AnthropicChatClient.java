package dev.videop2r.remote;

import com.anthropic.bedrock.backends.BedrockBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.Base64ImageSource;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.TextBlock;
import dev.videop2r.spec.InvalidFieldException;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Anthropic Messages API through the official anthropic-java SDK, direct or on Amazon Bedrock (the SDK's
 * Bedrock backend, with AWS credentials and region from the standard AWS environment). As with
 * {@link OpenAiChatClient}, the SDK's retries are off and {@link ResilientChatClient} retries.
 */
public final class AnthropicChatClient implements ChatClient {

  /** How long an idle pooled connection is kept (OkHttp's default). */
  private static final Duration KEEP_ALIVE = Duration.ofMinutes(5);

  private final AnthropicClient client;
  private final String model;
  private final String protocol;

  private AnthropicChatClient(AnthropicClient client, String model, String protocol) {
    this.client = client;
    this.model = model;
    this.protocol = protocol;
  }

  /**
   * The Anthropic API (or a server speaking it).
   *
   * @param baseUrl API root, e.g. {@code https://api.anthropic.com}
   * @param apiKey read from the environment by the caller
   */
  public static AnthropicChatClient direct(String baseUrl, String model, String apiKey, Duration timeout,
      int maxIdleConnections) {
    if (apiKey == null || apiKey.isEmpty()) {
      throw new InvalidFieldException("judge.keyEnv", "no Anthropic API key: set the environment variable it names");
    }
    return new AnthropicChatClient(AnthropicOkHttpClient.builder()
        .baseUrl(baseUrl)
        .apiKey(apiKey)
        .timeout(timeout)
        .maxRetries(0)
        .maxIdleConnections(maxIdleConnections)
        .keepAliveDuration(KEEP_ALIVE)
        .build(), model, "anthropic");
  }

  /** Claude on Amazon Bedrock; credentials and region come from the AWS environment (AWS_REGION, profiles...). */
  public static AnthropicChatClient bedrock(String model, Duration timeout, int maxIdleConnections) {
    return new AnthropicChatClient(AnthropicOkHttpClient.builder()
        .backend(BedrockBackend.fromEnv())
        .timeout(timeout)
        .maxRetries(0)
        .maxIdleConnections(maxIdleConnections)
        .keepAliveDuration(KEEP_ALIVE)
        .build(), model, "bedrock");
  }

  @Override
  public String id() {
    return protocol + ":" + model;
  }

  @Override
  public ChatReply chat(ChatRequest request) throws RemoteCallException {
    MessageCreateParams.Builder params = MessageCreateParams.builder()
        .model(model)
        .maxTokens(request.maxTokens())
        // This SDK version has no typed temperature/top_p setters; the Messages API still takes both fields.
        .putAdditionalBodyProperty("temperature", JsonValue.from(request.temperature()));
    if (request.topP() != null) {
      params.putAdditionalBodyProperty("top_p", JsonValue.from(request.topP()));
    }
    if (request.system() != null) {
      params.system(request.system());
    }
    if (request.images().isEmpty()) {
      params.addUserMessage(request.text());
    } else {
      List<ContentBlockParam> blocks = new ArrayList<>();
      for (BufferedImage image : request.images()) {
        blocks.add(ContentBlockParam.ofImage(Base64ImageSource.builder()
            .data(ImageEncoding.base64Jpeg(image))
            .mediaType(Base64ImageSource.MediaType.IMAGE_JPEG)
            .build()));
      }
      blocks.add(ContentBlockParam.ofText(request.text()));
      params.addUserMessageOfContentBlockParams(blocks);
    }
    try {
      Message message = client.messages().create(params.build());
      if (message == null) { // the body was JSON null, which the SDK hands back as is
        throw RemoteCallException.unreadable(id(), "the body is null", null);
      }
      if (message.content().contains(null)) {
        throw RemoteCallException.unreadable(id(), "a null content block", null);
      }
      String text = message.content().stream()
          .flatMap(block -> block.text().stream())
          .map(TextBlock::text)
          .collect(Collectors.joining());
      if (text.isEmpty() && message.content().stream().noneMatch(ContentBlock::isText)) {
        throw RemoteCallException.unreadable(id(), "no text block", null);
      }
      return new ChatReply(text, message.stopReason().map(Object::toString).orElse(""));
    } catch (AnthropicServiceException e) {
      throw RemoteCallException.http(id(), e.statusCode(), e.getMessage(),
          e.headers().values("retry-after").stream().findFirst().orElse(null), e);
    } catch (AnthropicIoException e) {
      throw RemoteCallException.io(id(), e);
    } catch (AnthropicInvalidDataException e) {
      throw RemoteCallException.unreadable(id(), e.getMessage(), e);
    } catch (AnthropicException e) {
      throw new RemoteCallException(id() + ": " + e.getMessage(), RemoteCallException.NO_STATUS, false, null, e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
