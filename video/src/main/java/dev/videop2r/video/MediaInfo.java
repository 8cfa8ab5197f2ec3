package dev.videop2r.video;

import java.nio.file.Path;

/**
 * What a media file holds, read from its container without decoding it.
 *
 * @param frameCount frames of the video stream (1 for a still image)
 * @param frameCountEstimated true when the container stores no count and it was derived from duration x fps
 * @param fps average frame rate (0 for a still image)
 * @param durationSeconds playing time (0 for a still image)
 */
public record MediaInfo(Path file, String format, int width, int height, int frameCount,
                        boolean frameCountEstimated, double fps, double durationSeconds, boolean image) {}
