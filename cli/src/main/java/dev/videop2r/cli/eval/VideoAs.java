package dev.videop2r.cli.eval;

/** How an OpenAI-compatible endpoint receives a video's frames. */
public enum VideoAs {
  /** One vLLM frame-list {@code video_url} part with the frames' fps, so the server builds Qwen's video tokens. */
  VIDEO,
  /** One {@code image_url} part per frame, for servers without video input. */
  IMAGES;

  /** True when the frames travel as one video part. */
  public boolean videoPart() {
    return this == VIDEO;
  }
}
