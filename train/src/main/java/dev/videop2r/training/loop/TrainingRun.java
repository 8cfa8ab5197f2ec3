package dev.videop2r.training.loop;

import dev.videop2r.training.optim.AdamW;
import dev.videop2r.training.optim.Gradients;
import dev.videop2r.training.optim.LearningRateSchedule;
import dev.videop2r.training.optim.OptimizerConfig;
import ai.djl.ndarray.NDArray;
import dev.videop2r.spec.InvalidFieldException;
import ai.djl.ndarray.NDManager;
import dev.videop2r.report.ProgressLine;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The loop both trainers share. A trainer supplies one {@link Step} that runs the forward and backward passes
 * of one optimizer step (all its micro-batches, leaving the summed gradients on the parameters); the run then
 * checks the loss and gradient norm are finite, clips, applies AdamW at the scheduled learning rate, zeroes the
 * gradients, logs a metrics row, redraws the progress bar, and checkpoints every {@code saveEvery} steps.
 *
 * <p>Determinism: the data order, the run's random stream and the optimizer are all restored from a
 * checkpoint, so a resumed run takes exactly the steps an uninterrupted one would.
 */
public final class TrainingRun implements AutoCloseable {
  /** One optimizer step's forward/backward work. */
  @FunctionalInterface
  public interface Step {
    StepOutcome run(int step);
  }

  /**
   * What a step reports: the loss value, the loss-bearing tokens it trained on, its own metrics (for example
   * per-process rewards or the rollout time), which go into the metrics row as they are, and whether the state
   * after it can be checkpointed (false between the inner iterations of one RL rollout batch, whose rollouts a
   * checkpoint does not hold).
   */
  public record StepOutcome(double loss, long tokens, Map<String, Object> metrics, boolean checkpointable) {
    public StepOutcome(double loss, long tokens, Map<String, Object> metrics) {
      this(loss, tokens, metrics, true);
    }
  }

  private final Map<String, NDArray> params;
  private final OptimizerConfig config;
  private final int totalSteps;
  private final String configJson;
  private final AdamW optimizer;
  private final LearningRateSchedule schedule;
  private final CheckpointStore checkpoints;
  private final DataOrder data;
  private final SeededRandom random;
  private final MetricsLog metrics;
  private final PrintStream err;
  private int step;
  private long tokensSeen;
  private Path lastCheckpoint;

  private TrainingRun(Path runDir, Map<String, NDArray> params, OptimizerConfig config, int totalSteps,
      String configJson, TrainingState start, Path lastCheckpoint, int datasetSize, boolean shuffle,
      PrintStream err) {
    this.params = params;
    this.config = config;
    this.totalSteps = totalSteps;
    this.configJson = configJson;
    this.optimizer = new AdamW(params, config.adamW());
    this.schedule = config.scheduleFor(totalSteps);
    this.checkpoints = new CheckpointStore(runDir, config.keepCheckpoints());
    this.data = new DataOrder(datasetSize, config.seed(), shuffle,
        new DataOrder.Position(start.dataEpoch(), start.dataOffset()));
    this.random = new SeededRandom(start.rngState());
    this.metrics = new MetricsLog(runDir.resolve("metrics.jsonl"), start.step());
    this.err = err;
    this.step = start.step();
    this.tokensSeen = start.tokensSeen();
    this.lastCheckpoint = lastCheckpoint;
  }

  /**
   * Opens a run directory. Without {@code resume} the directory must hold no checkpoint (so an earlier run is
   * never overwritten by accident); with it, the newest intact checkpoint (a damaged one is reported on {@code
   * err} and passed over for the one before) is loaded into {@code params} and the optimizer, and its
   * configuration must equal {@code configJson}.
   */
  public static TrainingRun open(Path runDir, Map<String, NDArray> params, OptimizerConfig config,
      int totalSteps, String configJson, int datasetSize, boolean shuffle, boolean resume, NDManager manager,
      PrintStream err) {
    CheckpointStore store = new CheckpointStore(runDir, config.keepCheckpoints());
    Optional<Path> latest = store.latest();
    if (!resume) {
      if (latest.isPresent()) {
        throw new InvalidFieldException("out", name -> runDir + " already holds checkpoint " + latest.get()
            + "; use " + name.apply("resume") + " to continue it, or choose another run directory");
      }
      TrainingState fresh = new TrainingState(0, 0, 0, config.seed() ^ 0x5DEECE66DL, 0, 0, configJson);
      return new TrainingRun(runDir, params, config, totalSteps, configJson, fresh, null, datasetSize, shuffle,
          err);
    }
    try (NDManager scratch = manager.newSubManager()) {
      CheckpointStore.Loaded loaded = newestIntact(store, scratch, err).orElseThrow(() ->
          new InvalidFieldException("resume", name -> "no complete checkpoint under " + runDir.resolve("checkpoints")
              + "; a run stopped before its first checkpoint (every " + config.saveEvery()
              + " steps) starts again without " + name.apply("resume")));
      Path dir = loaded.dir();
      if (!loaded.state().configJson().equals(configJson)) {
        String changes = String.join("; ", RunIdentity.changes(loaded.state().configJson(), configJson));
        throw new InvalidFieldException("resume", name -> "checkpoint " + dir + " was trained with other settings"
            + " or data; changed: " + changes + ". Resume with the run's " + runDir.resolve("config.yaml") + " ("
            + name.apply("config") + ") and its data, or choose another run directory (" + name.apply("out") + ")");
      }
      for (var e : params.entrySet()) {
        NDArray saved = loaded.weights().get(e.getKey());
        if (saved == null || !saved.getShape().equals(e.getValue().getShape())) {
          throw new IllegalArgumentException("checkpoint " + dir + " lacks or misshapes weight " + e.getKey());
        }
        e.getValue().set(saved.toType(e.getValue().getDataType(), false).toByteBuffer());
      }
      TrainingRun run = new TrainingRun(runDir, params, config, totalSteps, configJson, loaded.state(), dir,
          datasetSize, shuffle, err);
      run.optimizer.restore(loaded.optimizer(), loaded.state().optimizerSteps());
      return run;
    }
  }

  private static Optional<CheckpointStore.Loaded> newestIntact(CheckpointStore store, NDManager manager,
      PrintStream err) {
    try {
      return store.loadNewestIntact(manager, damaged -> err.println("warning: skipping damaged checkpoint "
          + damaged));
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException("resume", name -> e.getMessage(), e);
    }
  }

  public DataOrder data() {
    return data;
  }

  public SeededRandom random() {
    return random;
  }

  /** Runs steps until {@code totalSteps}; returns the last checkpoint written (the final state). */
  public Path train(Step body) {
    ProgressLine bar = ProgressLine.of(new PrintWriter(err), "", step, "tok", System.console() != null);
    long tokensHere = 0;
    Gradients.zero(params);
    while (step < totalSteps) {
      long t0 = System.nanoTime();
      StepOutcome out = body.run(step);
      long t1 = System.nanoTime();
      guard("loss", out.loss());
      double norm = Gradients.globalNorm(params);
      guard("gradient norm", norm);
      double clipFactor = Gradients.clip(params, norm, config.maxGradNorm());
      double lr = schedule.at(step);
      optimizer.step(lr);
      Gradients.zero(params);
      long t2 = System.nanoTime();
      step++;
      tokensSeen += out.tokens();
      double seconds = (t2 - t0) / 1e9;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("step", step);
      row.put("loss", out.loss());
      row.put("lr", lr);
      row.put("grad_norm", norm);
      row.put("grad_clipped", clipFactor < 1.0);
      row.put("tokens", out.tokens());
      row.put("tokens_per_s", out.tokens() / seconds);
      row.put("time/step_s", seconds);
      row.put("time/optimizer_s", (t2 - t1) / 1e9);
      row.putAll(out.metrics());
      metrics.append(row);
      tokensHere += out.tokens();
      bar.update(step, totalSteps, tokensHere, String.format("loss %.4g", out.loss()));
      if (out.checkpointable() && (step % config.saveEvery() == 0 || step == totalSteps)) {
        save();
      }
    }
    return lastCheckpoint;
  }

  private void save() {
    metrics.sync(); // the rows up to this step must survive a power cut as the checkpoint does
    TrainingState state = new TrainingState(step, data.position().epoch(), data.position().offset(),
        random.state(), optimizer.steps(), tokensSeen, configJson);
    lastCheckpoint = checkpoints.save(state, params, optimizer.state());
  }

  private void guard(String what, double value) {
    if (Double.isFinite(value)) {
      return;
    }
    Gradients.zero(params);
    int failed = step + 1;
    Path last = lastCheckpoint;
    throw new TrainingDivergedException(name -> String.format(
        "step %d: %s is %s; the update was not applied. Last good checkpoint: %s", failed, what, value,
        last == null ? "none (no checkpoint written yet)" : last + " (continue with " + name.apply("resume") + ")"));
  }

  @Override
  public void close() {
    metrics.close();
  }
}
