package dev.videop2r.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChatTemplateTest {

  private static HfTextTokenizer qwen;
  private static ChatTemplate template;

  @BeforeAll
  static void load() {
    qwen = HfTextTokenizer.load(QwenTokenizerFixture.file());
    template = new ChatTemplate(qwen);
  }

  @AfterAll
  static void close() {
    qwen.close();
  }

  @Test
  void promptTextIsTheQwenTemplate() {
    assertEquals("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n"
            + "<|vision_start|><|video_pad|><|vision_end|>Describe this video.<|im_end|>\n<|im_start|>assistant\n",
        template.promptText(VisionPlaceholder.video(10, 34, 46), "Describe this video."));
    assertEquals("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n"
            + "<|vision_start|><|image_pad|><|vision_end|>Hi<|im_end|>\n<|im_start|>assistant\n",
        template.promptText(VisionPlaceholder.image(1, 16, 16), "Hi"));
  }

  @Test
  void videoPadExpandsToTHWOverFourCopiesAfterTheSpecPrefix() {
    // Spec §1.4 example: grid (10, 34, 46) -> 3910 video tokens.
    ChatPrompt p = template.prompt(VisionPlaceholder.video(10, 34, 46), "Describe this video.");
    long[] prefix = {151644, 8948, 198, 2610, 525, 264, 10950, 17847, 13, 151645, 198, 151644, 872, 198, 151652};
    assertArrayEquals(prefix, Arrays.copyOf(p.ids(), prefix.length));
    long pads = Arrays.stream(p.ids()).filter(id -> id == 151656).count();
    assertEquals(3910, pads);
    assertEquals(151653, p.ids()[prefix.length + 3910]);
    long[] tail = Arrays.copyOfRange(p.ids(), p.length() - 3, p.length());
    assertArrayEquals(new long[] {151644, 77091, 198}, tail);
    assertEquals(p.length(), p.responseStart());
    assertEquals(p.length(), p.responseEnd());
    assertTrue(Arrays.stream(p.attentionMask()).allMatch(m -> m == 1));
    int padChar = p.text().indexOf(SpecialTokens.VIDEO_PAD);
    assertEquals(padChar, p.charStart()[prefix.length + 100]);
    assertEquals(padChar + SpecialTokens.VIDEO_PAD.length(), p.charEnd()[prefix.length + 100]);
  }

  @Test
  void imagePadOf224SquareIs64Tokens() {
    ChatPrompt p = template.prompt(VisionPlaceholder.image(1, 16, 16), "What is it?");
    assertEquals(64, Arrays.stream(p.ids()).filter(id -> id == 151655).count());
  }

  @Test
  void conversationMarksTheResponseAndItsImEnd() {
    String response = "<observation>A red circle.</observation><think>So A.</think><answer>A</answer>";
    ChatPrompt prompt = template.prompt(VisionPlaceholder.video(2, 4, 4), "Which?");
    ChatPrompt conv = template.conversation(VisionPlaceholder.video(2, 4, 4), "Which?", response);
    assertArrayEquals(prompt.ids(), conv.promptIds());
    assertEquals(prompt.length(), conv.responseStart());
    long[] responseIds = Arrays.copyOfRange(conv.ids(), conv.responseStart(), conv.responseEnd());
    assertEquals(response + "<|im_end|>", qwen.decode(responseIds, false));
    assertEquals(151645, conv.ids()[conv.responseEnd() - 1]);
    assertEquals(conv.length() - 1, conv.responseEnd(), "only the trailing newline follows the response");
    assertEquals(response, conv.text().substring(conv.responseCharStart(), conv.responseCharStart() + response.length()));
    int from = response.indexOf("<answer>");
    int[] span = conv.responseTokenSpan(from, response.length());
    assertEquals("<answer>A</answer>", qwen.decode(Arrays.copyOfRange(conv.ids(), span[0], span[1]), false));
  }

  @Test
  void textOnlyPromptHasNoVisionTokens() {
    ChatPrompt p = template.prompt(null, "Hello");
    assertTrue(Arrays.stream(p.ids()).noneMatch(id -> id >= 151652 && id <= 151656));
  }

  @Test
  void padTokensInTheQuestionAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> template.prompt(VisionPlaceholder.video(2, 4, 4), "look <|video_pad|> here"));
    assertTrue(e.getMessage().contains("2 image/video pad tokens"), e.getMessage());
  }

  @Test
  void gridNotDivisibleByMergeIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> template.prompt(VisionPlaceholder.video(1, 3, 4), "x"));
  }
}
