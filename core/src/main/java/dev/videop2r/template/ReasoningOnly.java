package dev.videop2r.template;

/**
 * A process-aware response with its observation removed: the reasoning-only {@code <think>…</think><answer>…</answer>}
 * response that process-agnostic SFT trains on (paper Table 2). The think and answer are the response's own, text
 * and whitespace between them unchanged, so the two SFT sets differ in the observation alone.
 */
public final class ReasoningOnly {
  private static final ResponseParser PROCESS_AWARE = new ResponseParser(ResponseTemplate.PROCESS_AWARE,
      ParseMode.STRICT);
  private static final ResponseParser THINK_ANSWER = new ResponseParser(ResponseTemplate.THINK_ANSWER,
      ParseMode.STRICT);

  private ReasoningOnly() {}

  /**
   * The think through the answer of a well-formed process-aware {@code response}.
   *
   * @throws IllegalArgumentException naming the defects when {@code response} is not well formed
   */
  public static String of(String response) {
    ParsedResponse parsed = PROCESS_AWARE.parse(response);
    if (!parsed.wellFormed()) {
      throw new IllegalArgumentException("not a well-formed observation/think/answer response ("
          + String.join("; ", parsed.defectMessages()) + ")");
    }
    String reasoning = response.substring(parsed.think().orElseThrow().outer().start(),
        parsed.answer().orElseThrow().outer().end());
    // The strict process-aware parse above guarantees this; checked so a parser change cannot pass silently.
    if (!THINK_ANSWER.parse(reasoning).wellFormed()) {
      throw new IllegalStateException("reasoning-only response is not think/answer: " + reasoning);
    }
    return reasoning;
  }
}
