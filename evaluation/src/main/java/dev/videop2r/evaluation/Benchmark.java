package dev.videop2r.evaluation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The seven benchmarks of the paper's Table 1, in its column order. {@code expectedCount} is the size of
 * the full evaluation set under our subset rules (a loaded file of another size is reported, not
 * rejected, so that small fixtures and filtered sets still load); {@code breakdown} names the category
 * the per-category table is keyed by.
 */
public enum Benchmark {
  VSI_BENCH("vsibench", "VSI.", 5130, Category.TASK),
  VIDEO_MMMU("videommmu", "VideoMMMU", 900, Category.TRACK),
  MMVU("mmvu", "MMVU", 625, Category.SUBJECT),
  VCR_BENCH("vcrbench", "VCR.", 510, Category.DIMENSION),
  MVBENCH("mvbench", "MV.", 4000, Category.TASK),
  TEMPCOMPASS("tempcompass", "TempCom.", 1580, Category.DIMENSION),
  VIDEO_MME("videomme", "VideoMME", 2700, Category.DURATION);

  private final String cliName;
  private final String tableHeader;
  private final int expectedCount;
  private final String breakdown;

  Benchmark(String cliName, String tableHeader, int expectedCount, String breakdown) {
    this.cliName = cliName;
    this.tableHeader = tableHeader;
    this.expectedCount = expectedCount;
    this.breakdown = breakdown;
  }

  /** The name used on the command line and in run files ({@code vsibench}, {@code mvbench}, ...). */
  public String cliName() {
    return cliName;
  }

  /** The column header of the paper's tables. */
  public String tableHeader() {
    return tableHeader;
  }

  public int expectedCount() {
    return expectedCount;
  }

  /** The category key of this benchmark's main per-category breakdown. */
  public String breakdown() {
    return breakdown;
  }

  /** The spelling users type and run files store ({@code vsibench}). */
  @Override
  public String toString() {
    return cliName;
  }

  /** Parses a CLI name, case-insensitively, ignoring '-' and '_' ("Video-MME" works too). */
  public static Benchmark parse(String name) {
    String wanted = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    for (Benchmark b : values()) {
      if (b.cliName.equals(wanted)) {
        return b;
      }
    }
    throw new IllegalArgumentException(
        "unknown benchmark '" + name + "'; expected one of " + names());
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(Benchmark::cliName).toList();
  }
}
