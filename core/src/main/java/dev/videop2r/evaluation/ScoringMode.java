package dev.videop2r.evaluation;

/**
 * The per-item scoring rules (benchmarks.md §1.4, §2(d), §9).
 */
public enum ScoringMode {
  /**
   * Video-R1's {@code eval_bench.py}: multiple choice by exact match after strip (case-sensitive, "C." fails);
   * numerical by decimal-marker consistency and equality after rounding to 2 decimals; regression by
   * Video-R1's MRA (float32, strict {@code <}). Reproduces Video-R1-lineage numbers.
   */
  VIDEO_R1,
  /**
   * The benchmarks' own rule-based scoring, for diagnostics: the option letter is read leniently ("(C)",
   * "C.", "The best answer is C" all give C), numbers are the first number in the answer, regression uses
   * the official MRA (double, {@code <=}, thresholds linspace(0.5, 0.95, 10)).
   */
  OFFICIAL
}
