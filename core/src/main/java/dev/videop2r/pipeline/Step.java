package dev.videop2r.pipeline;

/** The pipeline step at which a sample's fate was decided. */
public enum Step {
  READ,
  GENERATE,
  VERIFY,
  JUDGE
}
