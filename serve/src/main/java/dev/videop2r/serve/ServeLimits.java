package dev.videop2r.serve;

/**
 * What one server accepts and how it batches.
 *
 * @param maxBodyBytes request bodies larger than this are refused (413)
 * @param maxTokens the largest {@code max_tokens} a request may ask for (also its default)
 * @param maxModelLength prompt tokens plus {@code max_tokens} must fit in it
 * @param maxN the largest {@code n}
 * @param maxBatchRows completions decoded together at most (the sum of the batched requests' n)
 * @param queueCapacity requests waiting or running at most; one more is refused with 429
 * @param batchWindowMillis an idle server batches requests arriving less than this apart (or still being parsed)
 *     with the first
 */
public record ServeLimits(long maxBodyBytes, int maxTokens, int maxModelLength, int maxN, int maxBatchRows,
    int queueCapacity, int batchWindowMillis) {

  public ServeLimits {
    if (maxBodyBytes < 1 || maxTokens < 1 || maxModelLength < 2 || maxN < 1 || maxBatchRows < 1
        || queueCapacity < 1 || batchWindowMillis < 0) {
      throw new IllegalArgumentException("serve limits must be positive (batch window >= 0): " + this);
    }
  }

  /** 64 MiB bodies (32 JPEG frames fit many times), 1024 tokens, 32768 positions, n <= 16, 64 rows, 256 queued. */
  public static ServeLimits defaults() {
    return new ServeLimits(64L << 20, 1024, 32768, 16, 64, 256, 5);
  }
}
