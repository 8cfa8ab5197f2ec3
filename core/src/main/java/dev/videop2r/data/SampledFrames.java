package dev.videop2r.data;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Frames sampled from one media file, already resized to the pixel budget.
 *
 * @param images the frames in time order (one image for an image sample)
 * @param indices the source frame index of each image (0 for an image sample)
 * @param sourceFps the file's average frame rate (0 for images)
 * @param sampleFps frames per second of the sampled sequence ({@code n / total_frames · video_fps}; 0 for images)
 */
public record SampledFrames(List<BufferedImage> images, int[] indices, double sourceFps, double sampleFps) {

  public SampledFrames {
    images = List.copyOf(images);
    indices = indices.clone();
    if (images.size() != indices.length) {
      throw new IllegalArgumentException(images.size() + " images but " + indices.length + " indices");
    }
  }

  @Override
  public int[] indices() {
    return indices.clone();
  }
}
