package dev.videop2r.video;

import dev.videop2r.synth.SynthDataset;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/** Writes the synthetic world's clips as H.264 MP4 files. */
public final class Mp4ClipSink implements SynthDataset.ClipSink {

  private final Mp4Writer writer;

  public Mp4ClipSink(Mp4Writer writer) {
    this.writer = writer;
  }

  public Mp4ClipSink() {
    this(new Mp4Writer());
  }

  @Override
  public void write(Path file, List<BufferedImage> frames, double fps) {
    writer.write(file, frames.stream().map(RgbFrame::of).toList(), fps);
  }
}
