package dev.videop2r.testkit.fuzz;

/**
 * One malformed input: its position in the run, how it was made (printed with any failure, e.g.
 * {@code truncate@117 + flip x3}), and its bytes.
 */
public record FuzzCase(int index, String mutation, byte[] bytes) {}
