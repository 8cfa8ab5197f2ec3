package dev.videop2r.bench.video;

import dev.videop2r.synth.SynthDataset;
import dev.videop2r.synth.SynthKnobs;
import dev.videop2r.video.FfmpegReader;
import dev.videop2r.video.Mp4ClipSink;
import dev.videop2r.video.QwenPreprocessor;
import dev.videop2r.video.QwenVision;
import dev.videop2r.video.SampleRequest;
import dev.videop2r.video.VideoPlan;
import dev.videop2r.video.VisionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Video benchmarks (a plain main: the work is native decoding and process launches, where JMH's forks add
 * nothing). Set-up makes 60 s 1280x720 30 fps H.264 clips with the ffmpeg CLI (libx264 veryfast, one with
 * its default 250-frame GOP, one with a 2.5 s GOP that does not line up with the sampled frames). Before timing,
 * the 16 frames from Java are compared with the CLI's (mean absolute RGB difference per frame). Then, per clip, the 16 frames of Video-R1's training plan are taken
 * (a) in process by {@link FfmpegReader} with a warm JVM, (b) the same plus the Qwen resize, (c) by the ffmpeg
 * CLI with a select filter (one process, decodes the whole clip), (d) by the ffmpeg CLI with 16 fast-seek
 * invocations. Both CLI variants write raw RGB to /dev/null, so neither side pays for image encoding. Finally
 * synthetic generation throughput (clips/s, H.264 written) on 2 threads.
 *
 * <p>Usage: {@code VideoBench [workDir] [repeats]}; needs {@code ffmpeg} on PATH.
 */
public final class VideoBench {

  private VideoBench() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "target/video-bench");
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Files.createDirectories(work);
    System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, java %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
    System.out.println("ffmpeg: " + firstLine(run(List.of("ffmpeg", "-version"))));
    for (int gop : new int[] {250, 75}) {
      Path clip = work.resolve("clip720p_60s_gop" + gop + ".mp4");
      if (!Files.exists(clip)) {
        run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-t", "60",
            "-c:v", "libx264", "-preset", "veryfast", "-g", Integer.toString(gop), "-pix_fmt", "yuv420p",
            clip.toString()));
      }
      samplingBench(clip, gop, repeats);
    }
    synthBench(work.resolve("synth"), 2);
  }

  private static void samplingBench(Path clip, int gop, int repeats) throws Exception {
    FfmpegReader reader = new FfmpegReader(Duration.ofMinutes(5));
    QwenPreprocessor pre = new QwenPreprocessor(reader, VisionConfig.videoR1Training(),
        QwenPreprocessor.TimeScale.SAMPLE_FPS);
    var info = reader.probe(clip);
    VideoPlan plan = new QwenVision(VisionConfig.videoR1Training()).planVideo(SampleRequest.defaults(),
        info.frameCount(), info.fps(), info.height(), info.width());
    int[] idx = plan.indices();
    System.out.printf(Locale.ROOT, "%nclip %s: %d frames, %.2f fps, GOP %d; indices %s%n", clip.getFileName(),
        info.frameCount(), info.fps(), gop, Arrays.toString(idx));
    for (int i = 0; i < 3; i++) { // warm-up: JIT, native library loading, page cache
      pre.sampleVideo(clip, SampleRequest.defaults());
    }
    StringBuilder select = new StringBuilder();
    for (int i : idx) {
      select.append(select.isEmpty() ? "" : "+").append("eq(n\\,").append(i).append(')');
    }
    String selectCmd = "ffmpeg -v error -threads 2 -i '" + clip + "' -vf \"select='" + select
        + "'\" -vsync 0 -f rawvideo -pix_fmt rgb24 -y /dev/null";
    StringBuilder seekCmd = new StringBuilder();
    for (int i : idx) {
      seekCmd.append(String.format(Locale.ROOT,
          "ffmpeg -v error -ss %.6f -i '%s' -frames:v 1 -f rawvideo -pix_fmt rgb24 -y /dev/null; ", i / info.fps(),
          clip));
    }
    checkSameFrames(reader, clip, idx, select.toString(), info.width(), info.height());
    int[] decoded = new int[1];
    Timing javaRead = new Timing();
    Timing javaQwen = new Timing();
    Timing cliSelect = new Timing();
    Timing cliSeek = new Timing();
    for (int r = 0; r < repeats; r++) { // interleaved, so load changes on the shared machine hit all four alike
      javaRead.inProcess(() -> decoded[0] = reader.read(clip, any -> idx).framesDecoded());
      javaQwen.inProcess(() -> pre.sampleVideo(clip, SampleRequest.defaults()));
      cliSelect.shell(selectCmd);
      cliSeek.shell(seekCmd.toString());
    }
    System.out.println("  median of " + repeats + " interleaved runs     wall ms    CPU ms");
    javaRead.print("java FfmpegReader, 16 RGB frames (" + decoded[0] + " decoded)");
    javaQwen.print("java + Qwen resize to " + plan.resizedWidth() + "x" + plan.resizedHeight());
    cliSelect.print("ffmpeg CLI, select filter (1 process)");
    cliSeek.print("ffmpeg CLI, 16 x -ss fast seek");
    double bestWall = Math.min(cliSelect.wall(), cliSeek.wall());
    double bestCpu = Math.min(cliSelect.cpu(), cliSeek.cpu());
    System.out.printf(Locale.ROOT, "  speed-up vs the better CLI variant: reader %.2fx wall / %.2fx CPU; "
        + "reader+resize %.2fx wall / %.2fx CPU%n", bestWall / javaRead.wall(), bestCpu / javaRead.cpu(),
        bestWall / javaQwen.wall(), bestCpu / javaQwen.cpu());
  }

  /** Java's frames against ffmpeg's: a frame off by one in testsrc2's moving pattern differs by tens of levels. */
  private static void checkSameFrames(FfmpegReader reader, Path clip, int[] idx, String select, int width, int height)
      throws Exception {
    Path raw = Files.createTempFile("frames", ".rgb");
    try {
      run(List.of("bash", "-c", "ffmpeg -v error -i '" + clip + "' -vf \"select='" + select
          + "'\" -vsync 0 -f rawvideo -pix_fmt rgb24 -y '" + raw + "'"));
      byte[] cli = Files.readAllBytes(raw);
      List<dev.videop2r.video.RgbFrame> java = reader.read(clip, idx);
      int frameBytes = width * height * 3;
      double worst = 0;
      for (int f = 0; f < idx.length; f++) {
        long sum = 0;
        byte[] rgb = java.get(f).rgb();
        for (int i = 0; i < frameBytes; i++) {
          sum += Math.abs((rgb[i] & 0xFF) - (cli[f * frameBytes + i] & 0xFF));
        }
        worst = Math.max(worst, (double) sum / frameBytes);
      }
      System.out.printf(Locale.ROOT, "  frames vs ffmpeg CLI: %d of %d bytes compared, worst frame mean |diff| %.3f"
          + " levels%n", (long) idx.length * frameBytes, cli.length, worst);
    } finally {
      Files.deleteIfExists(raw);
    }
  }

  /** Wall and CPU milliseconds of repeated runs; CPU time barely moves with other load on a shared machine. */
  private static final class Timing {
    private final List<Double> wall = new ArrayList<>();
    private final List<Double> cpu = new ArrayList<>();
    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    void inProcess(Work work) throws Exception {
      long c = OS.getProcessCpuTime();
      long t = System.nanoTime();
      work.run();
      wall.add((System.nanoTime() - t) / 1e6);
      cpu.add((OS.getProcessCpuTime() - c) / 1e6);
    }

    /** Runs a bash script; its children's CPU time comes from the {@code times} builtin. */
    void shell(String script) throws Exception {
      long t = System.nanoTime();
      String out = run(List.of("bash", "-c", script + "\ntimes"));
      wall.add((System.nanoTime() - t) / 1e6);
      String[] lines = out.strip().split("\n");
      String[] children = lines[lines.length - 1].trim().split("\\s+");
      cpu.add(seconds(children[0]) * 1e3 + seconds(children[1]) * 1e3);
    }

    private static double seconds(String bashTime) { // e.g. 1m2.345s
      int m = bashTime.indexOf('m');
      return Integer.parseInt(bashTime.substring(0, m)) * 60
          + Double.parseDouble(bashTime.substring(m + 1, bashTime.length() - 1));
    }

    double wall() {
      return median(wall);
    }

    double cpu() {
      return median(cpu);
    }

    void print(String label) {
      System.out.printf(Locale.ROOT, "  %-44s %8.0f  %8.0f%n", label, wall(), cpu());
    }

    private static double median(List<Double> values) {
      List<Double> sorted = new ArrayList<>(values);
      sorted.sort(Comparator.naturalOrder());
      return sorted.get(sorted.size() / 2);
    }
  }

  private static void synthBench(Path work, int threads) throws Exception {
    Files.createDirectories(work);
    Path out = Files.createTempDirectory(work, "run"); // fresh: existing clips would be skipped (resume)
    new SynthDataset(SynthKnobs.defaults(), new Mp4ClipSink(), threads).generate(out.resolve("warmup"), 60, 0, 1);
    int n = 400;
    int[] written = new int[1];
    Timing t = new Timing();
    t.inProcess(() -> written[0] = new SynthDataset(SynthKnobs.defaults(), new Mp4ClipSink(), threads)
        .generate(out.resolve("timed"), n, 0, 2).clipsWritten());
    System.out.printf(Locale.ROOT, "%nsynth: %d clips (16 frames 112x112, H.264) on %d threads: %.2f s wall = "
        + "%.1f clips/s; %.2f CPU-s = %.1f clips per CPU-second (x2 = %.1f, the rate 2 idle cores would give if it "
        + "scales)%n", written[0],
        threads, t.wall() / 1e3, written[0] / (t.wall() / 1e3), t.cpu() / 1e3, written[0] / (t.cpu() / 1e3),
        2 * written[0] / (t.cpu() / 1e3));
  }

  @FunctionalInterface
  private interface Work {
    void run() throws Exception;
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
