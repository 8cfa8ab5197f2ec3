package dev.videop2r.training.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import dev.videop2r.spec.Specs;
import dev.videop2r.training.SftExample;
import dev.videop2r.training.ToyData;
import dev.videop2r.training.ToyModel;
import dev.videop2r.training.loop.MetricsLog;
import dev.videop2r.training.loop.TokenBatch;
import dev.videop2r.training.loop.TrainableParameters;
import dev.videop2r.training.loop.TrainingCurves;
import dev.videop2r.training.loop.TrainingDivergedException;
import dev.videop2r.training.optim.LearningRateSchedule;
import dev.videop2r.training.optim.OptimizerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class SftTrainerTest {
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  public static SftSpec config(int steps, double lr, int saveEvery) {
    OptimizerConfig o = new OptimizerConfig(lr, LearningRateSchedule.Kind.CONSTANT, 0, 0.0, 0.9, 0.999, 1e-8,
        5.0, 7, saveEvery, 2);
    return SftSpec.defaults().with(Map.ofEntries(Map.entry("optimizer", o), Map.entry("batchSize", 4),
        Map.entry("gradientAccumulation", 2), Map.entry("maxSteps", steps)));
  }

  @Test
  void lossOnAssistantTokensOnlyMatchesAManualSumOverTheRightColumns() {
    try (NDManager m = NDManager.newBaseManager()) {
      ToyModel model = new ToyModel(m, ToyData.VOCAB, 8, 1, DataType.FLOAT64);
      SftExample longer = ToyData.encode(ToyData.samples().get(3));
      // A shorter example (one prompt token dropped) so the batch has a left pad.
      SftExample shorter = new SftExample(new long[] {5, 11, 12, ToyData.EOT},
          new boolean[] {false, true, true, true}, List.of());
      TokenBatch batch = TokenBatch.leftPadded(List.of(longer.ids(), shorter.ids()), ToyData.PAD);
      NDArray ids = batch.idsArray(m);
      NDArray logits = model.forward(ids, batch.maskArray(m), List.of());
      double loss = SftLoss.compute(logits, ids, batch, List.of(longer, shorter), 6).getDouble();

      NDArray logp = logits.toType(DataType.FLOAT64, false).logSoftmax(-1);
      double manual = 0;
      // Row 0 (no pad): targets at columns 2, 3, 4, predicted from columns 1, 2, 3.
      manual -= logp.getDouble(0, 1, 10 + 3) + logp.getDouble(0, 2, 10 + 1) + logp.getDouble(0, 3, ToyData.EOT);
      // Row 1 (one pad): tokens 11, 12, EOT at columns 2, 3, 4, predicted from columns 1, 2, 3.
      manual -= logp.getDouble(1, 1, 11) + logp.getDouble(1, 2, 12) + logp.getDouble(1, 3, ToyData.EOT);
      assertEquals(manual / 6, loss, 1e-5);
    }
  }

  @Test
  void autogradMatchesCentralDifferencesOnTheTinyModel() {
    try (NDManager m = NDManager.newBaseManager()) {
      ToyModel model = new ToyModel(m, ToyData.VOCAB, 6, 2, DataType.FLOAT64);
      List<SftExample> batch = ToyData.samples().subList(0, 3).stream().map(ToyData::encode).toList();
      TokenBatch tokens = TokenBatch.leftPadded(batch.stream().map(SftExample::ids).toList(), ToyData.PAD);
      var params = TrainableParameters.of(model.parameters());
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(loss(model, tokens, batch, m));
      }
      double h = 1e-5;
      int checked = 0;
      for (var e : params.entrySet()) {
        NDArray p = e.getValue();
        double[] analytic = p.getGradient().toDoubleArray();
        for (int idx : new int[] {0, (int) p.size() / 2, (int) p.size() - 1}) {
          double[] values = p.toDoubleArray();
          double original = values[idx];
          values[idx] = original + h;
          p.set(values);
          double plus = loss(model, tokens, batch, m).getDouble();
          values[idx] = original - h;
          p.set(values);
          double minus = loss(model, tokens, batch, m).getDouble();
          values[idx] = original;
          p.set(values);
          double numeric = (plus - minus) / (2 * h);
          assertEquals(numeric, analytic[idx], 1e-6 + 1e-4 * Math.abs(numeric), e.getKey() + "[" + idx + "]");
          checked++;
        }
      }
      assertEquals(15, checked);
    }
  }

  private static NDArray loss(ToyModel model, TokenBatch tokens, List<SftExample> batch, NDManager m) {
    NDArray ids = tokens.idsArray(m);
    NDArray logits = model.forward(ids, tokens.maskArray(m), List.of());
    long targets = batch.stream().mapToLong(SftExample::targetTokens).sum();
    return SftLoss.compute(logits, ids, tokens, batch, targets);
  }

  @Test
  void sftDrivesTheLossNearZeroOnEightSamples(@TempDir Path dir) throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      ToyModel model = new ToyModel(m, ToyData.VOCAB, 16, 3, DataType.FLOAT32);
      SftTrainer trainer = new SftTrainer(model, config(60, 0.1, 1000), ToyData.PAD);
      SftTrainer.Result r = trainer.train(ToyData.samples(), ToyData::encode, dir, false, QUIET);
      assertTrue(r.lastLoss() < 0.05, "final loss " + r.lastLoss());
      List<String> lines = Files.readAllLines(dir.resolve("metrics.jsonl"));
      assertEquals(60, lines.size());
      double first = MetricsLog.read(dir.resolve("metrics.jsonl")).get(0).path("loss").asDouble();
      assertTrue(first > 1.0, "first loss " + first);
      assertTrue(Files.isRegularFile(r.finalCheckpoint().resolve("weights.safetensors")));
      assertTrue(TrainingCurves.draw(dir).contains(dir.resolve("plots/loss.png")));
      assertTrue(Files.size(dir.resolve("plots/loss.png")) > 1000);
    }
  }

  @Test
  void aNonFiniteLossStopsWithAClearErrorAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) {
    try (NDManager m = NDManager.newBaseManager()) {
      ToyModel model = new ToyModel(m, ToyData.VOCAB, 8, 3, DataType.FLOAT32);
      // Step 3 (two micro-batches of 4 per step: forward 5) starts from corrupted weights: a huge learning rate is
      // not a reliable way to diverge. The encoder cannot do it: it runs a step ahead, on the prefetch thread.
      SftTrainer trainer = new SftTrainer(model, config(6, 0.01, 2), ToyData.PAD);
      int[] forwards = {0};
      model.beforeEachForward(() -> {
        if (++forwards[0] == 5) {
          model.parameters().get("head_bias").set(new float[] {Float.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
              0, 0});
        }
      });
      var e = assertThrows(TrainingDivergedException.class,
          () -> trainer.train(ToyData.samples(), ToyData::encode, dir, false, QUIET));
      assertTrue(e.getMessage().contains("step 3: loss is NaN"), e.getMessage());
      assertTrue(e.getMessage().contains("step-00000002"), e.getMessage());
      assertTrue(Files.isDirectory(dir.resolve("checkpoints/step-00000002")));
      assertEquals(2, MetricsLog.read(dir.resolve("metrics.jsonl")).size());
    }
  }

  @Test
  void aRunWritesItsWholeSpecAsConfigYamlThatReadsBackToTheSameSpec(@TempDir Path dir) {
    try (NDManager m = NDManager.newBaseManager()) {
      ToyModel model = new ToyModel(m, ToyData.VOCAB, 8, 3, DataType.FLOAT32);
      SftSpec spec = config(1, 0.01, 1);
      new SftTrainer(model, spec, ToyData.PAD).train(ToyData.samples(), ToyData::encode, dir, false, QUIET);
      JsonNode written = Specs.read(dir.resolve("config.yaml"));
      assertEquals(spec, Specs.bind(SftSpec.class, Specs.merge(SftSpec.class, Specs.tree(SftSpec.defaults()),
          written, "config.yaml")));
    }
  }

  @Test
  void startingOverAnExistingRunWithoutResumeIsRefused(@TempDir Path dir) {
    try (NDManager m = NDManager.newBaseManager()) {
      ToyModel model = new ToyModel(m, ToyData.VOCAB, 8, 3, DataType.FLOAT32);
      new SftTrainer(model, config(2, 0.01, 1), ToyData.PAD).train(ToyData.samples(), ToyData::encode, dir, false,
          QUIET);
      var e = assertThrows(IllegalArgumentException.class, () -> new SftTrainer(model, config(2, 0.01, 1),
          ToyData.PAD).train(ToyData.samples(), ToyData::encode, dir, false, QUIET));
      assertTrue(e.getMessage().startsWith("out: " + dir + " already holds checkpoint ")
          && e.getMessage().contains("use resume to continue it"), e.getMessage());
      var changed = assertThrows(IllegalArgumentException.class, () -> new SftTrainer(model, config(3, 0.01, 1),
          ToyData.PAD).train(ToyData.samples(), ToyData::encode, dir, true, QUIET));
      assertTrue(changed.getMessage().contains("changed: spec.maxSteps: 2 → 3"), changed.getMessage());
      List<dev.videop2r.data.Sample> reordered = new java.util.ArrayList<>(ToyData.samples());
      java.util.Collections.reverse(reordered);
      var otherData = assertThrows(IllegalArgumentException.class, () -> new SftTrainer(model, config(2, 0.01, 1),
          ToyData.PAD).train(reordered, ToyData::encode, dir, true, QUIET));
      assertTrue(otherData.getMessage().contains("changed: data.sha256"), otherData.getMessage());
      // The same ids, paths and sizes with one answer edited: only the contents tell the runs apart.
      List<dev.videop2r.data.Sample> edited = new java.util.ArrayList<>(ToyData.samples());
      var s = edited.get(2);
      edited.set(2, new dev.videop2r.data.Sample(s.problemId(), s.problem(), s.dataType(), s.problemType(),
          s.options(), "<answer>B</answer>", s.path(), s.dataSource(), s.facts(), s.rationale(), s.trace()));
      var editedData = assertThrows(IllegalArgumentException.class, () -> new SftTrainer(model, config(2, 0.01, 1),
          ToyData.PAD).train(edited, ToyData::encode, dir, true, QUIET));
      assertTrue(editedData.getMessage().contains("changed: data.sha256"), editedData.getMessage());
    }
  }
}
