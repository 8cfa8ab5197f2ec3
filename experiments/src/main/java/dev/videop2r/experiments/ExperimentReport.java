package dev.videop2r.experiments;

import java.nio.file.Path;

/** An experiment's report: where it was written and its markdown. */
public record ExperimentReport(Path file, String markdown) {}
