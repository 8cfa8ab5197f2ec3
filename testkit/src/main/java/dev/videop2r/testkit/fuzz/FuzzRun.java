package dev.videop2r.testkit.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Feeds a reader seeded malformed inputs and holds each outcome to the error contract (README, "Errors"): the
 * reader accepts the input, or refuses it with an {@link IOException}, {@link UncheckedIOException},
 * {@link IllegalArgumentException} or one of the project's own exceptions whose message names the input (the file,
 * or the endpoint). A programming error anywhere in the cause chain (NullPointerException,
 * ArrayIndexOutOfBoundsException, NumberFormatException, ArithmeticException, ClassCastException, an
 * {@link Error}...), a reader still running after the time bound, one that allocates more than the cap for a
 * small input, or a file written beside the sandbox's {@code in/} and {@code out/} folders is a violation. All
 * violations of a run are listed together with the seed that reproduces them.
 *
 * <p>The seed is fixed per reader, so runs are reproducible; {@code -Dvideop2r.fuzz.seed=S} replaces it and
 * {@code -Dvideop2r.fuzz.scale=K} multiplies the number of inputs (for a longer hunt than the suite's).
 */
public final class FuzzRun {

  public static final String SEED_PROPERTY = "videop2r.fuzz.seed";
  public static final String SCALE_PROPERTY = "videop2r.fuzz.scale";

  /** Exception types that mean the reader has a bug, not that the input is bad. */
  private static final List<Class<? extends Throwable>> BUGS = List.of(NullPointerException.class,
      IndexOutOfBoundsException.class, ClassCastException.class, NumberFormatException.class,
      ArithmeticException.class, NegativeArraySizeException.class, BufferUnderflowException.class,
      BufferOverflowException.class, IllegalStateException.class, UnsupportedOperationException.class,
      ArrayStoreException.class, NoSuchElementException.class, Error.class);

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Makes one malformed input. */
  @FunctionalInterface
  public interface Generator {
    ByteMutations.Damaged next(Random random) throws Exception;
  }

  /** Reads one input (written under {@code sandbox.in()} as it needs); returns if accepted, throws if refused. */
  @FunctionalInterface
  public interface Reader {
    void read(FuzzCase input) throws Exception;
  }

  /** Replays fixed inputs in order (the regression cases of defects a run once found), cycling if asked for more. */
  public static Generator inOrder(List<ByteMutations.Damaged> inputs) {
    int[] next = {0};
    return random -> inputs.get(next[0]++ % inputs.size());
  }

  /** The given inputs first (regression cases), then {@code then}'s. */
  public static Generator replayThen(List<ByteMutations.Damaged> inputs, Generator then) {
    int[] made = {0};
    return random -> made[0] < inputs.size() ? inputs.get(made[0]++) : then.next(random);
  }

  private final String name;
  private final long seed;
  private final Sandbox sandbox;
  private final String mustMention;
  private Duration bound = Duration.ofSeconds(10);
  private long allocationCap = 256L << 20;

  /**
   * @param name the reader's name in reports
   * @param defaultSeed the seed unless {@value #SEED_PROPERTY} is set
   * @param mustMention what every refusal's message must contain (the input file's name, the endpoint's id)
   */
  public FuzzRun(String name, long defaultSeed, Sandbox sandbox, String mustMention) {
    this.name = name;
    this.seed = Long.getLong(SEED_PROPERTY, defaultSeed);
    this.sandbox = sandbox;
    this.mustMention = mustMention;
  }

  /** The most time one input may take (default 10 s: generous for a loaded machine, short of a hang). */
  public FuzzRun bound(Duration perInput) {
    this.bound = perInput;
    return this;
  }

  /** The most heap one input may allocate on the reading thread (default 256 MiB). */
  public FuzzRun allocationCap(long bytes) {
    this.allocationCap = bytes;
    return this;
  }

  /** Runs {@code count} inputs (times the scale property) and fails listing every violation. */
  public Summary run(int count, Generator generator, Reader reader) throws Exception {
    int total = count * Integer.getInteger(SCALE_PROPERTY, 1);
    Random random = new Random(seed);
    Map<String, Integer> refusals = new TreeMap<>();
    List<String> violations = new ArrayList<>();
    int accepted = 0;
    List<String> workingDirBefore = listing(Path.of(""));
    long start = System.nanoTime();
    ExecutorService worker = newWorker();
    try {
      for (int i = 0; i < total; i++) {
        ByteMutations.Damaged damaged = generator.next(random);
        FuzzCase input = new FuzzCase(i, damaged.mutation(), damaged.bytes());
        Outcome outcome;
        Future<Outcome> future = worker.submit(() -> attempt(reader, input));
        try {
          outcome = future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          future.cancel(true);
          worker.shutdownNow();
          worker = newWorker(); // the stuck thread is abandoned (daemon); the run goes on
          outcome = new Outcome(null, 0, "still running after " + bound.toMillis() + " ms");
        } catch (ExecutionException e) {
          outcome = new Outcome(e.getCause(), 0, null);
        }
        String violation = outcome.violation() != null ? outcome.violation() : judge(outcome);
        String stray = sandbox.strayFiles();
        if (violation == null && stray != null) {
          violation = "wrote outside its folders: " + stray;
        }
        if (violation != null) {
          violations.add("input " + i + " [" + input.mutation() + ", " + input.bytes().length + " bytes]: "
              + violation);
        } else if (outcome.thrown() == null) {
          accepted++;
        } else {
          refusals.merge(outcome.thrown().getClass().getSimpleName(), 1, Integer::sum);
        }
      }
    } finally {
      worker.shutdownNow();
    }
    if (!listing(Path.of("")).equals(workingDirBefore)) {
      violations.add("the working directory changed: " + workingDirBefore + " -> " + listing(Path.of("")));
    }
    Summary summary = new Summary(name, seed, total, accepted, refusals, (System.nanoTime() - start) / 1_000_000);
    System.out.println(summary);
    if (!violations.isEmpty()) {
      throw new AssertionError("fuzz " + name + ": " + violations.size() + " of " + total
          + " inputs broke the error contract (seed " + seed + "; rerun with -D" + SEED_PROPERTY + "=" + seed + "):\n  "
          + String.join("\n  ", violations.subList(0, Math.min(40, violations.size()))));
    }
    return summary;
  }

  /** What one input did: threw (or not), allocated, or broke the contract outright (a hang). */
  private record Outcome(Throwable thrown, long allocated, String violation) {}

  private Outcome attempt(Reader reader, FuzzCase input) {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    Throwable thrown = null;
    try {
      reader.read(input);
    } catch (Throwable t) { // Errors included: an OutOfMemoryError is a finding, not the end of the run
      thrown = t;
    }
    return new Outcome(thrown, THREADS.getCurrentThreadAllocatedBytes() - before, null);
  }

  private String judge(Outcome outcome) {
    if (outcome.allocated() > allocationCap) {
      return "allocated " + (outcome.allocated() >> 20) + " MiB (cap " + (allocationCap >> 20) + " MiB)"
          + (outcome.thrown() == null ? "" : " then threw " + describe(outcome.thrown()));
    }
    Throwable t = outcome.thrown();
    if (t == null) {
      return null;
    }
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      for (Class<? extends Throwable> bug : BUGS) {
        if (bug.isInstance(c)) {
          return (c == t ? "" : describe(t) + " caused by ") + describe(c) + " at " + origin(c);
        }
      }
    }
    boolean clearType = t instanceof IOException || t instanceof UncheckedIOException
        || t instanceof IllegalArgumentException || t.getClass().getName().startsWith("dev.videop2r.");
    if (!clearType) {
      return "unexpected exception type " + describe(t) + " at " + origin(t);
    }
    if (t.getMessage() == null || !t.getMessage().contains(mustMention)) {
      return "message does not name '" + mustMention + "': " + describe(t);
    }
    return null;
  }

  private static String describe(Throwable t) {
    String message = String.valueOf(t.getMessage());
    return t.getClass().getName() + ": " + (message.length() > 300 ? message.substring(0, 300) + "..." : message);
  }

  /** The first stack frame in the project's code (where the bug is), else the top frame. */
  private static String origin(Throwable t) {
    StackTraceElement[] trace = t.getStackTrace();
    for (StackTraceElement e : trace) {
      if (e.getClassName().startsWith("dev.videop2r.") && !e.getClassName().startsWith("dev.videop2r.testkit.")) {
        return e.toString();
      }
    }
    return trace.length == 0 ? "?" : trace[0].toString();
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-reader");
      t.setDaemon(true);
      return t;
    });
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(Path::toString).sorted().toList();
    }
  }

  /** Counts of one run, printed for docs/core.md ("Fuzzing"). */
  public record Summary(String reader, long seed, int inputs, int accepted, Map<String, Integer> refusals,
      long millis) {
    @Override
    public String toString() {
      return "fuzz " + reader + ": " + inputs + " inputs, seed " + seed + ", " + millis + " ms: " + accepted
          + " accepted, refused " + refusals;
    }
  }
}
