package dev.videop2r.cli.eval;

import java.util.Locale;

/** The {@code video|images} choice of how an OpenAI-compatible endpoint receives a video's frames. */
public final class VideoAs {
  private VideoAs() {}

  /** True for {@code video} (one video part), false for {@code images}. */
  public static boolean parse(String value, String flag) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "video" -> true;
      case "images" -> false;
      default -> throw new IllegalArgumentException(flag + " must be video or images, got '" + value + "'");
    };
  }
}
