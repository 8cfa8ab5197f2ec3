package dev.videop2r.pipeline;

/**
 * Step 2's verdict on one teacher response.
 *
 * @param passed the answer scored at least the threshold and the template is intact
 * @param score the task-metric score of the answer (0 when there is no answer to score)
 * @param reason why it failed, or a short description when it passed
 * @param observation the observation segment with its tags (null when the template is broken)
 * @param think the think segment with its tags (null when the template is broken)
 * @param answer the text inside the answer tags ("" when absent)
 */
public record Verification(boolean passed, double score, String reason, String observation, String think,
    String answer) {}
