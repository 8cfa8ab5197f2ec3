package dev.videop2r.evaluation;

/** Which annotation format a file is in. */
public enum AnnotationFormat {
  /** Decide from the file: Video-R1 records carry {@code problem_id} and {@code solution}. */
  AUTO,
  /** Video-R1's {@code eval_<bench>.json} (HF Video-R1/Video-R1-eval). */
  VIDEO_R1,
  /** The benchmark's own release format. */
  OFFICIAL
}
