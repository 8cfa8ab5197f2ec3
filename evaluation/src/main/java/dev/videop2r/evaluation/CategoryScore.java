package dev.videop2r.evaluation;

/** One row of a per-category breakdown: the category value, its item count and its score in percent. */
public record CategoryScore(String name, int n, double score) {}
