package dev.videop2r.bench.model;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/** Process CPU time (all threads), the measure that a shared, loaded machine disturbs least; and the thread's. */
final class BenchClock {

  private BenchClock() {}

  static long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static long threadCpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }
}
