package dev.videop2r.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResultsTableTest {

  @Test
  void rendersThePapersColumnsAndMarksPartialAverages() {
    ResultsTable table = new ResultsTable();
    double[] qwen = {30.1, 48.1, 60.0, 44.3, 59.0, 72.6, 56.6};
    for (Benchmark b : Benchmark.values()) {
      table.put("Qwen2.5-VL(7B)", b, qwen[b.ordinal()]);
    }
    table.put("run-b", Benchmark.MVBENCH, 50.0).put("run-b", Benchmark.VIDEO_MME, 41.25);
    String[] lines = table.render().split("\n");
    assertEquals("| Model          | VSI. | VideoMMMU | MMVU | VCR. | MV.  | TempCom. | VideoMME | Avg        |", lines[0]);
    // The paper prints 52.9 for this row; the mean of its rounded cells is 52.957, so the paper
    // averaged unrounded scores. Our table averages the scores it is given.
    assertEquals("| Qwen2.5-VL(7B) | 30.1 | 48.1      | 60.0 | 44.3 | 59.0 | 72.6     | 56.6     | 53.0       |", lines[2]);
    assertEquals("| run-b          | –    | –         | –    | –    | 50.0 | –        | 41.3     | 45.6 (2/7) |", lines[3]);
  }
}
