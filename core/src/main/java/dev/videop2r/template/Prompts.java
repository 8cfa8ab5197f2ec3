package dev.videop2r.template;

import dev.videop2r.data.ProblemType;
import java.util.List;

/**
 * The user-turn text for one question: VideoP2R's process-aware prompt (observation → think → answer) and
 * Video-R1's plain think/answer prompt for baselines. The same process-aware prompt serves CoT generation,
 * SFT, RL and evaluation (method spec §1). Question assembly and the per-type answer instructions are
 * Video-R1's, byte for byte (video-r1.md §2), so answers stay comparable with Video-R1's reward rules.
 */
public final class Prompts {

  /** Which wording of Video-R1's prompt: it differs by two words between training and evaluation. */
  public enum VideoR1Variant {
    /** grpo.py / sft_video.py: "between the &lt;think&gt; &lt;/think&gt; tags". */
    TRAINING,
    /** eval_bench.py / generate_cot_vllm.py: "between the &lt;think&gt; and &lt;/think&gt; tags". */
    EVALUATION
  }

  private static final String VIDEO_R1_PREAMBLE =
      "Please think about this question as if you were a human pondering deeply. Engage in an internal"
          + " dialogue using expressions such as 'let me think', 'wait', 'Hmm', 'oh, I see', 'let's break it"
          + " down', etc, or other natural language thought expressions It's encouraged to include"
          + " self-reflection or verification in the reasoning process.";

  private static final String VIDEO_R1_TRAINING_TAGS =
      " Provide your detailed reasoning between the <think> </think> tags, and then give your final answer"
          + " between the <answer> </answer> tags.";

  private static final String VIDEO_R1_EVALUATION_TAGS =
      " Provide your detailed reasoning between the <think> and </think> tags, and then give your final answer"
          + " between the <answer> and </answer> tags.";

  private static final String PROCESS_AWARE_INSTRUCTION =
      "Answer in three parts, in this order. First, describe the visual evidence that the question needs,"
          + " exactly as you see it, between the <observation> and </observation> tags. Then think about the"
          + " question as if you were a human pondering deeply, reasoning from your observation, between the"
          + " <think> and </think> tags. Finally, give your final answer between the <answer> and </answer>"
          + " tags.";

  private Prompts() {}

  /**
   * The question as Video-R1 assembles it: for multiple choice, the problem, then {@code "Options:\n"} and
   * each option on its own line, with no separator before "Options:" (kept for parity).
   */
  public static String question(ProblemType type, String problem, List<String> options) {
    if (type != ProblemType.MULTIPLE_CHOICE || options == null || options.isEmpty()) {
      return problem;
    }
    StringBuilder q = new StringBuilder(problem).append("Options:\n");
    for (String option : options) {
      q.append(option).append('\n');
    }
    return q.toString();
  }

  /** Video-R1's per-type answer instruction (TYPE_TEMPLATE); it starts with a space. */
  public static String answerInstruction(ProblemType type) {
    return switch (type) {
      case MULTIPLE_CHOICE ->
          " Please provide only the single option letter (e.g., A, B, C, D, etc.) within the <answer> </answer> tags.";
      case NUMERICAL, REGRESSION ->
          " Please provide the numerical value (e.g., 42 or 3.14) within the <answer> </answer> tags.";
      case OCR ->
          " Please transcribe text from the image/video clearly and provide your text answer within the"
              + " <answer> </answer> tags.";
      case FREE_FORM -> " Please provide your text answer within the <answer> </answer> tags.";
    };
  }

  /** VideoP2R's process-aware prompt: question, newline, the three-part instruction, the type instruction. */
  public static String processAware(ProblemType type, String problem, List<String> options) {
    return question(type, problem, options) + "\n" + PROCESS_AWARE_INSTRUCTION + answerInstruction(type);
  }

  /** Video-R1's think/answer prompt (QUESTION_TEMPLATE + TYPE_TEMPLATE) in the given wording. */
  public static String videoR1(ProblemType type, String problem, List<String> options, VideoR1Variant variant) {
    String tags = variant == VideoR1Variant.TRAINING ? VIDEO_R1_TRAINING_TAGS : VIDEO_R1_EVALUATION_TAGS;
    return question(type, problem, options) + "\n" + VIDEO_R1_PREAMBLE + tags + answerInstruction(type);
  }

  /** The prompt for a template: process-aware, or Video-R1's training wording for think/answer. */
  public static String forTemplate(ResponseTemplate template, ProblemType type, String problem,
      List<String> options) {
    return template == ResponseTemplate.PROCESS_AWARE
        ? processAware(type, problem, options)
        : videoR1(type, problem, options, VideoR1Variant.TRAINING);
  }
}
