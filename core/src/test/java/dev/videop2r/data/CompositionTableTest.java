package dev.videop2r.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompositionTableTest {

  private static Sample sample(DataType d, ProblemType p) {
    return new Sample(1, "q", d, p, List.of(), "<answer>a</answer>", "./x", "s", List.of(), null, null);
  }

  @Test
  void rendersThePaperTable3Layout() {
    CompositionTable t = new CompositionTable();
    for (int i = 0; i < 1200; i++) {
      t.add(sample(DataType.VIDEO, ProblemType.MULTIPLE_CHOICE));
    }
    t.add(sample(DataType.IMAGE, ProblemType.OCR));
    t.add(sample(DataType.IMAGE, ProblemType.MULTIPLE_CHOICE));
    assertEquals("""
        |       | Multiple choice | Numerical | OCR | Free-form | Regression |   Sum |
        |-------|----------------:|----------:|----:|----------:|-----------:|------:|
        | Image |               1 |         – |   1 |         – |          – |     2 |
        | Video |           1,200 |         – |   – |         – |          – | 1,200 |
        | Sum   |           1,201 |         – |   1 |         – |          – | 1,202 |
        """, t.render());
    assertEquals(1202, t.total());
  }
}
