package dev.videop2r.evaluation;

import dev.videop2r.template.Prompts;

/**
 * The evaluation prompt (the template package's wording): Video-R1's eval prompt byte for byte for
 * Video-R1-lineage baselines, or VideoP2R's process-aware prompt for models trained on it.
 */
public enum PromptStyle implements PromptBuilder {
  /** Video-R1's {@code eval_bench.py} prompt ("between the &lt;think&gt; and &lt;/think&gt; tags"). */
  VIDEO_R1("video-r1"),
  /** VideoP2R's observation → think → answer prompt. */
  PROCESS_AWARE("process-aware");

  private final String cliName;

  PromptStyle(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  @Override
  public String prompt(EvalItem item) {
    return this == VIDEO_R1
        ? Prompts.videoR1(item.kind(), item.problem(), item.options(), Prompts.VideoR1Variant.EVALUATION)
        : Prompts.processAware(item.kind(), item.problem(), item.options());
  }

  /** The spelling users type and run files store ({@code process-aware}). */
  @Override
  public String toString() {
    return cliName;
  }
}
