package dev.videop2r.model.tokenizer;

import java.util.List;

/**
 * The Qwen2.5-VL chat template (chat_template.json, same as Qwen2-VL) for one user turn holding at most one
 * image or video followed by text:
 * <pre>
 * &lt;|im_start|&gt;system\n{system}&lt;|im_end|&gt;\n
 * &lt;|im_start|&gt;user\n&lt;|vision_start|&gt;&lt;|video_pad|&gt;&lt;|vision_end|&gt;{text}&lt;|im_end|&gt;\n
 * &lt;|im_start|&gt;assistant\n[{response}&lt;|im_end|&gt;\n]
 * </pre>
 * then each pad becomes {@code t*h*w/merge^2} copies. The prompt and the response are tokenized separately so the
 * response's first token never merges with the assistant prefix (the ids a model generates after the prompt
 * are then exactly the response ids).
 */
public final class ChatTemplate {

  public static final String DEFAULT_SYSTEM_PROMPT = "You are a helpful assistant.";
  public static final List<String> ROLES = List.of("system", "user", "assistant");

  private final TextTokenizer tokenizer;
  private final String systemPrompt;
  private final int spatialMergeSize;

  /** Default system turn, merge size 2 (every published Qwen2.5-VL). */
  public ChatTemplate(TextTokenizer tokenizer) {
    this(tokenizer, DEFAULT_SYSTEM_PROMPT, 2);
  }

  public ChatTemplate(TextTokenizer tokenizer, String systemPrompt, int spatialMergeSize) {
    if (spatialMergeSize < 1) {
      throw new IllegalArgumentException("spatial merge size must be >= 1, got " + spatialMergeSize);
    }
    this.tokenizer = tokenizer;
    this.systemPrompt = systemPrompt;
    this.spatialMergeSize = spatialMergeSize;
  }

  public TextTokenizer tokenizer() {
    return tokenizer;
  }

  /** The template text up to and including the assistant prefix, pads not yet expanded; visual may be null. */
  public String promptText(VisionPlaceholder visual, String userText) {
    StringBuilder s = new StringBuilder();
    turn(s, "system", systemPrompt);
    String vision = "";
    if (visual != null) {
      vision = SpecialTokens.VISION_START
          + (visual.kind() == VisionPlaceholder.Kind.VIDEO ? SpecialTokens.VIDEO_PAD : SpecialTokens.IMAGE_PAD)
          + SpecialTokens.VISION_END;
    }
    turn(s, "user", vision + userText);
    s.append(SpecialTokens.IM_START).append("assistant\n");
    return s.toString();
  }

  /** A generation prompt (ends with the assistant prefix); visual may be null for a text-only turn. */
  public ChatPrompt prompt(VisionPlaceholder visual, String userText) {
    return build(visual, userText, null);
  }

  /** Prompt plus the assistant's response and its {@code <|im_end|>\n}: the SFT sequence. */
  public ChatPrompt conversation(VisionPlaceholder visual, String userText, String response) {
    if (response == null) {
      throw new IllegalArgumentException("conversation needs a response; use prompt(...) for generation");
    }
    return build(visual, userText, response);
  }

  private ChatPrompt build(VisionPlaceholder visual, String userText, String response) {
    String prompt = promptText(visual, userText);
    TokenEncoding promptTokens = tokenizer.encode(prompt);
    SpecialTokens special = tokenizer.specialTokens();
    long padId = visual == null ? -1
        : visual.kind() == VisionPlaceholder.Kind.VIDEO ? special.videoPad() : special.imagePad();
    int pads = countVisionPads(promptTokens.ids(), special);
    int expected = visual == null ? 0 : 1;
    if (pads != expected) {
      throw new IllegalArgumentException("chat prompt has " + pads + " image/video pad tokens but " + expected
          + " visual input(s); the question text must not contain " + SpecialTokens.VIDEO_PAD + " or "
          + SpecialTokens.IMAGE_PAD);
    }
    int copies = visual == null ? 0 : visual.tokenCount(spatialMergeSize);
    TokenEncoding responseTokens = response == null ? new TokenEncoding(new long[0], new int[0], new int[0])
        : tokenizer.encode(response + SpecialTokens.IM_END + "\n");
    int promptLength = promptTokens.size() - expected + copies;
    int total = promptLength + responseTokens.size();
    long[] ids = new long[total];
    int[] start = new int[total];
    int[] end = new int[total];
    int k = 0;
    for (int i = 0; i < promptTokens.size(); i++) {
      long id = promptTokens.ids()[i];
      int n = id == padId ? copies : 1;
      for (int c = 0; c < n; c++, k++) {
        ids[k] = id;
        start[k] = promptTokens.charStart()[i];
        end[k] = promptTokens.charEnd()[i];
      }
    }
    int offset = prompt.length();
    int responseEnd = promptLength;
    for (int i = 0; i < responseTokens.size(); i++, k++) {
      ids[k] = responseTokens.ids()[i];
      start[k] = responseTokens.charStart()[i] < 0 ? -1 : responseTokens.charStart()[i] + offset;
      end[k] = responseTokens.charEnd()[i] < 0 ? -1 : responseTokens.charEnd()[i] + offset;
      if (ids[k] == special.imEnd()) {
        responseEnd = k + 1;
      }
    }
    long[] mask = new long[total];
    java.util.Arrays.fill(mask, 1L);
    String text = response == null ? prompt : prompt + response + SpecialTokens.IM_END + "\n";
    return new ChatPrompt(text, ids, mask, start, end, promptLength, responseEnd, offset);
  }

  private static void turn(StringBuilder s, String role, String content) {
    s.append(SpecialTokens.IM_START).append(role).append('\n').append(content).append(SpecialTokens.IM_END).append('\n');
  }

  private static int countVisionPads(long[] ids, SpecialTokens special) {
    int n = 0;
    for (long id : ids) {
      if (id == special.videoPad() || id == special.imagePad()) {
        n++;
      }
    }
    return n;
  }
}
