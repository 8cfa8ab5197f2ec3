package dev.videop2r.pipeline;

import dev.videop2r.data.Sample;

/** Step 2 of the CoT pipeline: checks a teacher response's template and scores its answer. */
public interface Verifier {
  Verification verify(Sample sample, String response);
}
