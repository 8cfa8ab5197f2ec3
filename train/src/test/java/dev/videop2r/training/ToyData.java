package dev.videop2r.training;

import dev.videop2r.data.DataType;
import dev.videop2r.data.ProblemType;
import dev.videop2r.data.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * Eight toy conversations over a 16-token vocabulary: [BOS, question k] then an assistant answer of three
 * tokens that depends on k. Token 0 is padding, 15 the end of turn.
 */
public final class ToyData {
  public static final int VOCAB = 16;
  public static final long PAD = 0;
  public static final long EOT = 15;

  /** What each id decodes to in RL tests: template tags, two colours, two letters; EOT decodes to "". */
  public static final String[] PIECES = {"", "", "<observation>", "red", "blue", "</observation>", "<think>", "so",
      "</think>", "<answer>", "A", "B", "</answer>", "?", "!", ""};

  private ToyData() {}

  public static String[] pieces(long[] ids) {
    String[] out = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = PIECES[(int) ids[i]];
    }
    return out;
  }

  public static List<Sample> samples() {
    List<Sample> s = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      s.add(new Sample(k, "q" + k, DataType.VIDEO, ProblemType.MULTIPLE_CHOICE, List.of("A. x", "B. y"),
          "<answer>A</answer>", "v" + k + ".mp4", "toy", List.of(), null, null));
    }
    return s;
  }

  /** Prompt [1, 2+k]; answer [10 + k%4, 10 + (k/2)%4, EOT]; the loss covers the answer only. */
  public static SftExample encode(Sample sample) {
    int k = (int) sample.problemId();
    long[] ids = {1, 2 + k, 10 + k % 4, 10 + (k / 2) % 4, EOT};
    boolean[] target = {false, false, true, true, true};
    return new SftExample(ids, target, List.of());
  }
}
