package dev.videop2r.template;

/** How {@link ResponseParser} treats a response that breaks the template. */
public enum ParseMode {
  /** Any defect rejects the response: no segment is returned, only the defects. */
  STRICT,
  /**
   * Segments are recovered despite defects: the first top-level occurrence of each (an unclosed one ends
   * where the next segment opens, or at the end), else the first nested occurrence. Defects are still reported.
   */
  LENIENT
}
