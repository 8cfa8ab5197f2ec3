package dev.videop2r.pipeline;

import dev.videop2r.spec.InvalidFieldException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.data.DatasetException;
import dev.videop2r.data.DatasetReader;
import dev.videop2r.data.DatasetRecord;
import dev.videop2r.data.FrameRequest;
import dev.videop2r.data.FrameSource;
import dev.videop2r.data.MediaRoot;
import dev.videop2r.data.SampledFrames;
import dev.videop2r.data.Sample;
import dev.videop2r.template.Prompts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The three-step process-aware CoT pipeline (method spec §2): generate with the teacher, verify answer and
 * template, judge observation sufficiency. Samples run concurrently; every finished sample is journaled before
 * it counts, so a run killed at any instant resumes where it stopped; the dataset is published at the end from
 * the journal in input order, so the output does not depend on completion order or on interruptions.
 */
public final class CotPipeline {

  /** The journal's file name inside the output directory. */
  public static final String JOURNAL = "journal.jsonl";

  /**
   * Run options.
   *
   * @param concurrency samples in flight at once
   * @param resume continue the journal in the output directory
   * @param retryErrors on resume, run again the samples whose journaled fate is an error
   * @param skipBad skip malformed input records (journaled as errored at READ) instead of refusing the input
   * @param frames how to sample media for teachers that read frames
   * @param datasetName file-name stem of the published dataset
   * @param recordsPerPart records per gzip part of the release layout
   */
  public record Options(int concurrency, boolean resume, boolean retryErrors, boolean skipBad, FrameRequest frames,
      String datasetName, int recordsPerPart) {

    public Options {
      InvalidFieldException.check(concurrency >= 1, "concurrency", "must be >= 1, got " + concurrency);
      InvalidFieldException.check(recordsPerPart >= 1, "recordsPerPart", "must be >= 1, got " + recordsPerPart);
      // The name becomes file names inside dataset/: a path in it could write anywhere.
      InvalidFieldException.check(datasetName != null && datasetName.matches("[A-Za-z0-9][A-Za-z0-9._-]*"),
          "datasetName", "must be a plain file name (letters, digits, '.', '_', '-'), got '" + datasetName + "'");
    }

    public static Options defaults() {
      return new Options(8, false, false, false, FrameRequest.training(), "videop2r-cot", 50_000);
    }
  }

  /** What a run produced. */
  public record Result(long total, long ranNow, FateSummary summary, CotPublisher.Published published) {}

  private final Options options;
  private final Teacher teacher;
  private final Judge judge;
  private final Verifier verifier;
  private final FrameSource frameSource;
  private final MediaRoot mediaRoot;

  /**
   * @param frameSource decodes media for teachers that need frames; may be null when the teacher does not
   */
  public CotPipeline(Options options, Teacher teacher, Judge judge, Verifier verifier, FrameSource frameSource,
      MediaRoot mediaRoot) {
    if (teacher.needsFrames() && frameSource == null) {
      throw new IllegalArgumentException("teacher " + teacher.id() + " needs frames but no frame source is set");
    }
    this.options = options;
    this.teacher = teacher;
    this.judge = judge;
    this.verifier = verifier;
    this.frameSource = frameSource;
    this.mediaRoot = mediaRoot;
  }

  /**
   * Runs (or resumes) the pipeline over {@code inputs}, journaling into {@code outDir} and publishing the
   * dataset to {@code outDir/dataset}.
   *
   * @param settings everything that determines the output besides the inputs (teacher, judge, thresholds,
   *     seeds); a resume with different settings is refused
   * @param progressOut where the progress bar goes (stderr), or null for none
   */
  public Result run(List<Path> inputs, Path outDir, ObjectNode settings, PrintWriter progressOut, boolean terminal)
      throws IOException, InterruptedException {
    try (Journal.Lock lock = Journal.lock(outDir.resolve(JOURNAL))) {
      return run(lock, inputs, outDir, settings, progressOut, terminal);
    }
  }

  /**
   * {@link #run(List, Path, ObjectNode, PrintWriter, boolean)} under the journal lock of {@code outDir}, taken by
   * the caller (with {@link Journal#lock}) before it opened anything else there, such as the judge cache.
   */
  public Result run(Journal.Lock lock, List<Path> inputs, Path outDir, ObjectNode settings, PrintWriter progressOut,
      boolean terminal) throws IOException, InterruptedException {
    InputScan scan = InputScan.of(inputs);
    if (!scan.bad().isEmpty() && !options.skipBad()) {
      throw new DatasetException(name -> scan.describeBad() + " (use " + name.apply("skipBad")
          + " to skip malformed records)");
    }
    Files.createDirectories(outDir);
    ObjectNode all = settings.deepCopy();
    all.put("teacher", teacher.id()).put("judge", judge.id()).set("inputs", scan.fingerprint());
    try (Journal journal = Journal.open(outDir.resolve(JOURNAL), scan.total(), all, options.resume(), lock)) {
      BitSet outstanding = new BitSet(scan.total() + 1);
      for (int n = 1; n <= scan.total(); n++) {
        outstanding.set(n, !isDone(journal, n));
      }
      long alreadyDone = scan.total() - outstanding.cardinality();
      Settlement settlement = new Settlement(outstanding);
      CotPublisher publisher = new CotPublisher(options.datasetName(), options.recordsPerPart());
      ExecutorService publishThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "cot-publish"));
      try {
        Future<CotPublisher.Published> publishing = publishThread.submit(
            () -> publisher.publish(inputs, journal, scan.total(), outDir, settlement));
        long ranNow;
        try (PipelineProgress bar = progressOut == null ? null
            : PipelineProgress.on(progressOut, scan.total(), alreadyDone, terminal, 10)) {
          ranNow = runPending(inputs, journal, bar, settlement);
        } catch (IOException | InterruptedException | RuntimeException e) {
          settlement.abort();
          throw e;
        }
        journal.sync();
        CotPublisher.Published published = awaitPublished(publishing);
        return new Result(scan.total(), ranNow, published.summary(), published);
      } finally {
        publishThread.shutdownNow();
        // Let a publisher stopped early leave the journal before the journal closes.
        publishThread.awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }

  private static CotPublisher.Published awaitPublished(Future<CotPublisher.Published> publishing)
      throws IOException, InterruptedException {
    try {
      return publishing.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("publishing failed: " + cause, cause);
    }
  }

  private boolean isDone(Journal journal, long n) {
    Fate f = journal.fate(n);
    return f != null && !(options.retryErrors() && f == Fate.ERRORED);
  }

  private long runPending(List<Path> inputs, Journal journal, PipelineProgress bar, Settlement settlement)
      throws IOException, InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), r -> {
      Thread t = new Thread(r, "cot-sample");
      t.setDaemon(true);
      return t;
    });
    // Twice the pool size in flight keeps every worker busy without reading the whole input ahead.
    Semaphore window = new Semaphore(options.concurrency() * 2);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long submitted = 0;
    try (DatasetReader reader = DatasetReader.open(inputs)) {
      while (reader.hasNext() && failure.get() == null) {
        DatasetRecord r = reader.next();
        if (isDone(journal, r.number())) {
          continue;
        }
        if (!r.ok()) {
          finish(journal, bar, settlement, new SampleOutcome(r.number(), 0, null, null, Fate.ERRORED, Step.READ, null,
              r.where() + ": " + r.error(), null));
          submitted++;
          continue;
        }
        window.acquire();
        submitted++;
        pool.execute(() -> {
          try {
            finish(journal, bar, settlement, process(r.number(), r.sample()));
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          } finally {
            window.release();
          }
        });
      }
    } finally {
      pool.shutdown();
      if (failure.get() != null) {
        pool.shutdownNow();
      }
      while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        // workers finish their current call; nothing to do but wait
      }
    }
    Throwable t = failure.get();
    if (t instanceof IOException e) {
      throw e;
    } else if (t instanceof InterruptedException e) {
      throw e;
    } else if (t instanceof RuntimeException e) {
      throw e;
    } else if (t != null) {
      throw new IllegalStateException(t);
    }
    return submitted;
  }

  private static void finish(Journal journal, PipelineProgress bar, Settlement settlement, SampleOutcome o)
      throws IOException {
    journal.record(o);
    settlement.settled(o.number());
    if (bar != null) {
      bar.finished(o.fate());
    }
  }

  /** Runs the three steps on one sample; every failure becomes an errored outcome naming its cause. */
  SampleOutcome process(long number, Sample s) throws InterruptedException {
    SampledFrames frames = null;
    if (teacher.needsFrames()) {
      try {
        frames = frameSource.sample(mediaRoot.resolve(s.path()), options.frames());
      } catch (IOException | RuntimeException e) {
        return errored(number, s, Step.GENERATE, "media '" + s.path() + "': " + message(e), null);
      }
    }
    String response;
    try {
      String prompt = Prompts.processAware(s.problemType(), s.problem(), s.options());
      response = teacher.respond(new TeacherInput(s, prompt, frames));
    } catch (RunAbortedException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      return errored(number, s, Step.GENERATE, "teacher " + teacher.id() + ": " + message(e), null);
    }
    Verification v;
    try {
      v = verifier.verify(s, response);
    } catch (RuntimeException e) {
      return errored(number, s, Step.VERIFY, "verification failed: " + message(e), response);
    }
    if (!v.passed()) {
      return outcome(number, s, Fate.DROPPED_VERIFY, Step.VERIFY, v.score(), v.reason(), response);
    }
    Judgement j;
    try {
      j = judge.judge(JudgeQuery.of(s, v.observation()));
    } catch (RunAbortedException e) {
      throw e;
    } catch (RuntimeException e) {
      j = Judgement.noScore(message(e));
    }
    return switch (j.verdict()) {
      case SUFFICIENT -> outcome(number, s, Fate.KEPT, Step.JUDGE, v.score(), j.reason(), response);
      case INSUFFICIENT -> outcome(number, s, Fate.DROPPED_JUDGE, Step.JUDGE, v.score(), j.reason(), response);
      case NO_SCORE -> outcome(number, s, Fate.ERRORED, Step.JUDGE, v.score(),
          "judge " + judge.id() + " gave no score: " + j.reason(), response);
    };
  }

  private static SampleOutcome errored(long number, Sample s, Step step, String reason, String response) {
    return outcome(number, s, Fate.ERRORED, step, null, reason, response);
  }

  private static SampleOutcome outcome(long number, Sample s, Fate fate, Step step, Double score, String reason,
      String response) {
    return new SampleOutcome(number, s.problemId(), s.dataType(), s.problemType(), fate, step, score, reason,
        response);
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
