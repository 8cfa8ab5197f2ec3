package dev.videop2r.bench.model;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * Process CPU time (all threads), the measure that a shared, loaded machine disturbs least; the thread's; and the
 * JIT's compile time, which a short Java process pays inside its measured steps.
 */
final class BenchClock {

  private BenchClock() {}

  static long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static long threadCpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /** Milliseconds the JIT compiler threads have spent compiling (summed over them), or -1 if not reported. */
  static long compilationMillis() {
    var jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
  }
}
