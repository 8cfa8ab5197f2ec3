package dev.videop2r.evaluation;

/** Keys of {@link EvalItem#categories()}: the per-category breakdowns the paper and the benchmarks report. */
public final class Category {
  /** VSI-Bench task (the three rel_direction levels merged), MVBench task. */
  public static final String TASK = "task";
  /** VSI-Bench original question_type (rel_direction levels kept apart). */
  public static final String QUESTION_TYPE = "question_type";
  /** VideoMMMU track: Perception, Comprehension, Adaptation. */
  public static final String TRACK = "track";
  /** Video-MME duration (short, medium, long); VCR-Bench duration bucket. */
  public static final String DURATION = "duration";
  /** VCR-Bench dimension, TempCompass dimension. */
  public static final String DIMENSION = "dimension";
  /** Video-MME domain. */
  public static final String DOMAIN = "domain";
  /** Video-MME task type. */
  public static final String TASK_TYPE = "task_type";
  /** MMVU subject (from the media path). */
  public static final String SUBJECT = "subject";

  private Category() {}
}
