package dev.videop2r.evaluation;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a model is asked: the user-turn text and, unless the run is text-only, one video sampled as
 * {@code sampling} says.
 *
 * @param id the item id, for error messages and logs
 */
public record AnswerRequest(String id, String prompt, Optional<Path> video, VideoSampling sampling) {}
