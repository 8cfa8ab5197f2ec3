package dev.videop2r.cli.video;

import dev.videop2r.synth.SynthDataset;
import dev.videop2r.synth.SynthKnobs;
import dev.videop2r.video.Mp4ClipSink;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code videop2r synth}: generate the synthetic video world (clips + Video-R1 train/test JSON). */
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = {"Generate synthetic clips (moving, changing shapes and words) with questions of all five types.",
        "Writes DIR/clips/{train,test}/*.mp4, DIR/train.json, DIR/test.json and DIR/synth.json (Video-R1 format).",
        "Deterministic per seed; re-running skips clips that already exist."})
public final class SynthCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (media root).")
  Path out;

  @Option(names = "--train", required = true, paramLabel = "N", description = "Training samples.")
  int train;

  @Option(names = "--test", required = true, paramLabel = "M", description = "Test samples (no clip shared with train).")
  int test;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--size", paramLabel = "N", defaultValue = "112", description = "Frame width and height in pixels, even (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--frames", paramLabel = "N", defaultValue = "16", description = "Frames per clip (default: ${DEFAULT-VALUE}).")
  int frames;

  @Option(names = "--fps", paramLabel = "FPS", defaultValue = "2.0", description = "Clip frame rate; 2.0 lets the Qwen sampler keep every frame up to 16 (default: ${DEFAULT-VALUE}).")
  double fps;

  @Option(names = "--objects", paramLabel = "N", defaultValue = "3", description = "Choices in event-order questions, 2..4 (default: ${DEFAULT-VALUE}).")
  int objects;

  @Option(names = "--distractors", paramLabel = "N", defaultValue = "1", description = "Extra shapes no question is about, 0..4 (default: ${DEFAULT-VALUE}).")
  int distractors;

  @Option(names = "--speed", paramLabel = "SPEED", defaultValue = "3.0", description = "Typical motion in pixels per frame (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "4.0", description = "Pixel noise standard deviation, 0..64 (default: ${DEFAULT-VALUE}).")
  double noise;

  @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: available processors).")
  Integer threads;

  @Override
  public Integer call() {
    SynthKnobs knobs = new SynthKnobs(size, size, frames, fps, objects, distractors, speed, noise);
    int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    long start = System.nanoTime();
    SynthDataset.Result result = new SynthDataset(knobs, new Mp4ClipSink(), workers).generate(out, train, test, seed);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("synth: %d train + %d test samples in %s (%d clips encoded, %.1f clips/s)%n",
        result.train().size(), result.test().size(), out, result.clipsWritten(),
        result.clipsWritten() / Math.max(seconds, 1e-9));
    return 0;
  }
}
