package dev.videop2r.pipeline;

import java.util.BitSet;

/**
 * Tracks which samples of the current run are still outstanding, so the publisher can write each record as
 * soon as its fate is journaled instead of after the whole run (publishing then overlaps with the teacher's
 * latency). Aborting wakes the publisher when the run stops early.
 */
final class Settlement implements CotPublisher.Gate {

  private final BitSet outstanding;
  private boolean aborted;

  /** @param outstanding record numbers that this run will journal */
  Settlement(BitSet outstanding) {
    this.outstanding = outstanding;
  }

  /** Called once a record's fate is journaled. */
  synchronized void settled(long number) {
    outstanding.clear((int) number);
    notifyAll();
  }

  /** The run stopped: nobody will settle the rest. */
  synchronized void abort() {
    aborted = true;
    notifyAll();
  }

  @Override
  public synchronized void await(long number) throws InterruptedException {
    while (outstanding.get((int) number)) {
      if (aborted) {
        throw new IllegalStateException("the run stopped before record " + number + " was settled");
      }
      wait();
    }
  }
}
