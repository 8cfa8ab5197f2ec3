package dev.videop2r.training;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;

/**
 * A training process for the crash test, run in its own JVM: SFT on the toy data for 12 steps, checkpointing
 * every 2. Arguments: run directory, "resume" or "fresh", milliseconds to sleep per encoded sample (to give the
 * parent time to kill it mid-run).
 */
public final class ResumeChild {
  static final int STEPS = 12;

  private ResumeChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    boolean resume = args[1].equals("resume");
    long sleepMs = Long.parseLong(args[2]);
    try (NDManager m = NDManager.newBaseManager()) {
      ToyModel model = new ToyModel(m, ToyData.VOCAB, 16, 3, DataType.FLOAT32);
      SftEncoder slow = s -> {
        try {
          Thread.sleep(sleepMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return ToyData.encode(s);
      };
      new SftTrainer(model, SftTrainerTest.config(STEPS, 0.01, 2), ToyData.PAD)
          .train(ToyData.samples(), slow, dir, resume, new PrintStream(new ByteArrayOutputStream()));
    }
  }
}
