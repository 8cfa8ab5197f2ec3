package dev.videop2r.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Samples frames of a media file for a vision-language model. The video module implements it with FFmpeg;
 * images yield one frame.
 */
public interface FrameSource {

  /**
   * Samples frames of {@code media} under the request's frame and pixel budgets.
   *
   * @throws IOException when the file cannot be read or decoded; the message names the file
   */
  SampledFrames sample(Path media, FrameRequest request) throws IOException;
}
