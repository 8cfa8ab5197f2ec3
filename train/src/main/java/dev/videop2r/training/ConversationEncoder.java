package dev.videop2r.training;

import dev.videop2r.data.CotTrace;
import dev.videop2r.data.Sample;
import dev.videop2r.model.tokenizer.ChatPrompt;
import dev.videop2r.model.tokenizer.ChatTemplate;
import dev.videop2r.template.Prompts;
import dev.videop2r.template.ReasoningOnly;
import dev.videop2r.template.ResponseTemplate;
import java.io.IOException;
import java.util.List;

/**
 * Samples to token sequences with the Qwen2.5-VL chat template and VideoP2R's process-aware prompt (the same
 * prompt for SFT, RL and evaluation), or, for process-agnostic SFT, Video-R1's think/answer prompt and the
 * reasoning-only response. SFT targets are the assistant's response and its {@code <|im_end|>}; the system turn,
 * the user turn (question and vision pads) and the newline after the end of turn carry no loss.
 */
public final class ConversationEncoder implements SftEncoder, RlPromptEncoder {
  private final ChatTemplate template;
  private final MediaInputs media;
  private final ResponseTemplate responses;

  /** The process-aware encoder. @param media null for text-only samples (tests, ablations without vision) */
  public ConversationEncoder(ChatTemplate template, MediaInputs media) {
    this(template, media, ResponseTemplate.PROCESS_AWARE);
  }

  /**
   * @param media null for text-only samples
   * @param responses the template of prompts and SFT responses: {@code THINK_ANSWER} asks with Video-R1's prompt
   *     (training wording) and trains on the reasoning-only response
   */
  public ConversationEncoder(ChatTemplate template, MediaInputs media, ResponseTemplate responses) {
    this.template = template;
    this.media = media;
    this.responses = responses;
  }

  @Override
  public SftExample encode(Sample sample) throws IOException {
    MediaInputs.Encoded m = media == null ? null : media.encode(sample);
    ChatPrompt chat = template.conversation(m == null ? null : m.placeholder(), prompt(sample), response(sample, responses));
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
    ChatPrompt chat = template.prompt(m == null ? null : m.placeholder(), prompt(sample));
    return new RolloutPrompt(sample, chat.ids(), m == null ? List.of() : List.of(m.visual()));
  }

  private String prompt(Sample s) {
    return Prompts.forTemplate(responses, s.problemType(), s.problem(), s.options());
  }

  /** The user turn's text for a sample: VideoP2R's process-aware prompt (what a rollout server is sent too). */
  public static String userText(Sample s) {
    return Prompts.processAware(s.problemType(), s.problem(), s.options());
  }

  /**
   * The SFT response in {@code responses}' template: for think/answer, the process-aware response with its
   * observation removed ({@link ReasoningOnly}).
   */
  static String response(Sample s, ResponseTemplate responses) {
    if (responses == ResponseTemplate.PROCESS_AWARE) {
      return response(s);
    }
    String processAware = response(s);
    try {
      return ReasoningOnly.of(processAware);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sample " + s.problemId() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The process-aware SFT response: the trace's full output when the record has one (VideoP2R release, pipeline
   * output), otherwise its observation, think and the solution joined by newlines.
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
