package dev.videop2r.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videop2r.data.CotTrace;
import dev.videop2r.data.DataType;
import dev.videop2r.data.ProblemType;
import dev.videop2r.data.Sample;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.model.tokenizer.HfTextTokenizer;
import dev.videop2r.model.tokenizer.WordLevelTokenizerBuilder;
import dev.videop2r.template.Prompts;
import dev.videop2r.template.ResponseParser;
import dev.videop2r.template.ResponseTemplate;
import dev.videop2r.training.rl.Rollout;
import dev.videop2r.training.rl.RolloutSegments;
import dev.videop2r.training.rl.TemplateSegmentLabeler;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SFT mask and the RL segment split on a real (word-level) HF tokenizer and the Qwen chat template. */
class ConversationEncoderTest {
  private static final String RESPONSE = "<observation>The red circle moves left.</observation>\n"
      + "<think>It moves left, so A.</think>\n<answer>A</answer>";

  private static Sample sample() {
    return new Sample(7, "Where does the red circle go?", DataType.VIDEO, ProblemType.MULTIPLE_CHOICE,
        List.of("A. left", "B. right"), "<answer>A</answer>", "v.mp4", "synthetic", List.of(), null,
        new CotTrace(null, null, RESPONSE, "A", 1.0, true, null));
  }

  @Test
  void onlyTheResponseAndItsEndOfTurnAreTargetsAndTheObservationIsPerception(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tokenizer.json");
    Sample s = sample();
    new WordLevelTokenizerBuilder().addText(RESPONSE)
        .addText(Prompts.processAware(s.problemType(), s.problem(), s.options()))
        .addText(ChatTemplate.DEFAULT_SYSTEM_PROMPT + " system user assistant").write(file);
    try (HfTextTokenizer tokenizer = HfTextTokenizer.load(file)) {
      ConversationEncoder encoder = new ConversationEncoder(new ChatTemplate(tokenizer), null);
      SftExample e = encoder.encode(s);
      long[] targets = new long[e.targetTokens()];
      int k = 0;
      for (int t = 0; t < e.ids().length; t++) {
        if (e.target()[t]) {
          targets[k++] = e.ids()[t];
        }
      }
      assertEquals(RESPONSE + "<|im_end|>", tokenizer.decode(targets, false));
      RolloutPrompt prompt = encoder.encodePrompt(s);
      assertArrayEquals(prompt.ids(), Arrays.copyOf(e.ids(), prompt.ids().length), "SFT and RL prompts agree");

      RolloutSegments seg = TemplateSegmentLabeler.forTokenizer(tokenizer, ResponseParser.lenient())
          .label(new Rollout(targets, new float[targets.length], true));
      StringBuilder perception = new StringBuilder();
      for (int t = 0; t < targets.length; t++) {
        if (seg.tokens().isPerception(t)) {
          perception.append(tokenizer.decode(new long[] {targets[t]}, false));
        }
      }
      assertEquals("<observation>The red circle moves left.</observation>", perception.toString());
      assertEquals(targets.length - seg.tokens().perceptionLength(), seg.tokens().reasoningLength());
      assertTrue(seg.parsed().perceptionWellFormed() && seg.parsed().reasoningWellFormed());
    }
  }

  @Test
  void theProcessAgnosticEncoderAsksWithVideoR1sPromptAndTrainsOnTheResponseWithoutItsObservation(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("tokenizer.json");
    Sample s = sample();
    String videoR1 = Prompts.videoR1(s.problemType(), s.problem(), s.options(), Prompts.VideoR1Variant.TRAINING);
    new WordLevelTokenizerBuilder().addText(RESPONSE).addText(videoR1)
        .addText(ChatTemplate.DEFAULT_SYSTEM_PROMPT + " system user assistant").write(file);
    try (HfTextTokenizer tokenizer = HfTextTokenizer.load(file)) {
      ChatTemplate chat = new ChatTemplate(tokenizer);
      SftExample e = new ConversationEncoder(chat, null, ResponseTemplate.THINK_ANSWER).encode(s);
      StringBuilder target = new StringBuilder();
      for (int t = 0; t < e.ids().length; t++) {
        if (e.target()[t]) {
          target.append(tokenizer.decode(new long[] {e.ids()[t]}, false));
        }
      }
      assertEquals("<think>It moves left, so A.</think>\n<answer>A</answer><|im_end|>", target.toString());
      assertArrayEquals(chat.prompt(null, videoR1).ids(),
          new ConversationEncoder(chat, null, ResponseTemplate.THINK_ANSWER).encodePrompt(s).ids());
    }
  }

  @Test
  void aProcessAgnosticSampleWhoseResponseHasNoObservationIsRefusedByName() {
    Sample s = new Sample(11, "q", DataType.VIDEO, ProblemType.MULTIPLE_CHOICE, List.of(), "<answer>A</answer>",
        "v.mp4", "s", List.of(), null, new CotTrace(null, null, "<think>so A</think><answer>A</answer>", "A", 1.0,
        true, null));
    var e = assertThrows(IllegalArgumentException.class,
        () -> ConversationEncoder.response(s, ResponseTemplate.THINK_ANSWER));
    assertTrue(e.getMessage().startsWith("sample 11: not a well-formed observation/think/answer response"),
        e.getMessage());
  }

  @Test
  void aSampleWithoutTraceIsRefusedByName() {
    Sample plain = new Sample(9, "q", DataType.VIDEO, ProblemType.MULTIPLE_CHOICE, List.of(), "<answer>A</answer>",
        "v.mp4", "s", List.of(), null, null);
    var e = assertThrows(IllegalArgumentException.class, () -> ConversationEncoder.response(plain));
    assertTrue(e.getMessage().contains("sample 9"), e.getMessage());
  }
}
