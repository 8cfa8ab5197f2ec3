package dev.videop2r.synth;

/** Video-R1's problem types, with their exact spellings. */
public enum ProblemType {
  MULTIPLE_CHOICE("multiple choice"),
  NUMERICAL("numerical"),
  OCR("OCR"),
  FREE_FORM("free-form"),
  REGRESSION("regression");

  private final String label;

  ProblemType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
