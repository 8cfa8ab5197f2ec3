package dev.videop2r.training;

import dev.videop2r.data.CotTrace;
import dev.videop2r.data.Sample;
import dev.videop2r.model.tokenizer.ChatPrompt;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.template.Prompts;
import java.io.IOException;
import java.util.List;

/**
 * Samples to token sequences with the Qwen2.5-VL chat template and VideoP2R's process-aware prompt (the same
 * prompt for SFT, RL and evaluation). SFT targets are the assistant's response and its {@code <|im_end|>}; the
 * system turn, the user turn (question and vision pads) and the newline after the end of turn carry no loss.
 */
public final class ConversationEncoder implements SftEncoder, RlPromptEncoder {
  private final ChatTemplate template;
  private final MediaInputs media;

  /** @param media null for text-only samples (tests, ablations without vision) */
  public ConversationEncoder(ChatTemplate template, MediaInputs media) {
    this.template = template;
    this.media = media;
  }

  @Override
  public SftExample encode(Sample sample) throws IOException {
    MediaInputs.Encoded m = media == null ? null : media.encode(sample);
    ChatPrompt chat = template.conversation(m == null ? null : m.placeholder(), userText(sample), response(sample));
    boolean[] target = new boolean[chat.length()];
    for (int t = chat.responseStart(); t < chat.responseEnd(); t++) {
      target[t] = true;
    }
    return new SftExample(chat.ids(), target, m == null ? List.of() : List.of(m.visual()));
  }

  @Override
  public RolloutPrompt encodePrompt(Sample sample) throws IOException {
    return prompt(sample, media == null ? null : media.encode(sample));
  }

  @Override
  public RolloutPrompt encodeShuffledPrompt(Sample sample, long seed) throws IOException {
    if (media == null || sample.dataType() != dev.videop2r.data.DataType.VIDEO) {
      throw new IllegalArgumentException("sample " + sample.problemId() + ": only a video's frames can be shuffled");
    }
    return prompt(sample, media.encodeShuffled(sample, seed));
  }

  private RolloutPrompt prompt(Sample sample, MediaInputs.Encoded m) {
    ChatPrompt chat = template.prompt(m == null ? null : m.placeholder(), userText(sample));
    return new RolloutPrompt(sample, chat.ids(), m == null ? List.of() : List.of(m.visual()));
  }

  /** The user turn's text for a sample: VideoP2R's process-aware prompt (what a rollout server is sent too). */
  public static String userText(Sample s) {
    return Prompts.processAware(s.problemType(), s.problem(), s.options());
  }

  /**
   * The SFT response: the trace's full output when the record has one (VideoP2R release, pipeline output),
   * otherwise its observation, think and the solution joined by newlines.
   */
  static String response(Sample s) {
    CotTrace t = s.trace();
    if (t == null) {
      throw new IllegalArgumentException("sample " + s.problemId() + " has no CoT trace (observation/think/answer);"
          + " SFT needs a CoT dataset");
    }
    if (t.output() != null && !t.output().isBlank()) {
      return t.output();
    }
    if (t.observation() == null || t.process() == null) {
      throw new IllegalArgumentException("sample " + s.problemId() + ": CoT trace lacks output, observation or"
          + " process");
    }
    return t.observation() + "\n" + t.process() + "\n" + s.solution();
  }
}
