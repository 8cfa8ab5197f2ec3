package dev.videop2r.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DifficultyTableTest {

  @Test
  void videoMmeDurationsAndVideoMmmuTracksInThePapersColumns() {
    BenchmarkScorer scorer = new BenchmarkScorer(ScoringRules.VIDEO_R1, AnswerExtraction.VIDEO_R1_FALLBACK);
    BenchmarkScore mme = scorer.score(
        Fixtures.load(Benchmark.VIDEO_MME, "videomme-videor1.json"), Fixtures.predictions("videomme-predictions.jsonl"));
    BenchmarkScore mmmu = scorer.score(
        Fixtures.load(Benchmark.VIDEO_MMMU, "videommmu-videor1.json"), Fixtures.predictions("videommmu-predictions.jsonl"));
    String[] lines = new DifficultyTable()
        .put("run", Benchmark.VIDEO_MME, mme.breakdowns())
        .put("run", Benchmark.VIDEO_MMMU, mmmu.breakdowns())
        .put("mme only", Benchmark.VIDEO_MME, mme.breakdowns())
        .render().split("\n");
    assertEquals("| Model    | Short | Medium | Long   | Identify | Interpret | Adapt  |", lines[0]);
    assertEquals("| run      | 50.00 | 0.00   | 100.00 | 50.00    | 100.00    | 100.00 |", lines[2]);
    assertEquals("| mme only | 50.00 | 0.00   | 100.00 | –        | –         | –      |", lines[3]);
  }
}
