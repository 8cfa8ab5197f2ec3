package dev.videop2r.data;

/** The five question types of Video-R1 ({@code problem_type}), with their exact Video-R1 spellings. */
public enum ProblemType {
  MULTIPLE_CHOICE("multiple choice"),
  NUMERICAL("numerical"),
  OCR("OCR"),
  FREE_FORM("free-form"),
  REGRESSION("regression");

  private final String wireName;

  ProblemType(String wireName) {
    this.wireName = wireName;
  }

  /** The spelling used in the JSON records and in the paper's tables. */
  public String wireName() {
    return wireName;
  }

  /**
   * The type Video-R1's reward code recognises in {@code value}: it compares the spelling exactly ({@code ==}), so
   * "Multiple Choice", "ocr", " numerical", "" and null are no type at all there (they score 0.0).
   */
  public static java.util.Optional<ProblemType> videoR1(String value) {
    for (ProblemType t : values()) {
      if (t.wireName.equals(value)) {
        return java.util.Optional.of(t);
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * Parses a record's {@code problem_type}. Matching ignores case and surrounding whitespace so that
   * "ocr" and "OCR" are one type; anything else is refused rather than guessed.
   */
  public static ProblemType parse(String value) {
    if (value != null) {
      String v = value.strip();
      for (ProblemType t : values()) {
        if (t.wireName.equalsIgnoreCase(v)) {
          return t;
        }
      }
    }
    throw new IllegalArgumentException("unknown problem_type '" + value
        + "' (expected multiple choice, numerical, OCR, free-form or regression)");
  }
}
