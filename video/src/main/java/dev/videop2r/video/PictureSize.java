package dev.videop2r.video;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A picture's declared width and height, read from an image file's header alone (PNG, JPEG, BMP, GIF through
 * the JDK's readers, WebP parsed here), so that a small file declaring an enormous picture is refused before
 * FFmpeg allocates it: FFmpeg decodes the first picture already while opening the file.
 */
record PictureSize(long width, long height) {

  long pixels() {
    return width * height;
  }

  /** The header's size, or empty when the content is not a still image this can read (videos, damaged headers). */
  static Optional<PictureSize> ofImageHeader(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Optional<PictureSize> webp = webp(file);
    if (webp.isPresent()) {
      return webp;
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        return Optional.empty();
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return Optional.empty();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return Optional.of(new PictureSize(reader.getWidth(0), reader.getHeight(0)));
      } catch (IOException | RuntimeException damaged) {
        return Optional.empty(); // FFmpeg reports what is wrong with the file
      } finally {
        reader.dispose();
      }
    }
  }

  /** RIFF/WEBP: the canvas of an extended file (VP8X), or the frame size of a lossy (VP8) or lossless (VP8L) one. */
  private static Optional<PictureSize> webp(Path file) throws IOException {
    byte[] head = new byte[30];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    if (n < head.length || !tag(head, 0, "RIFF") || !tag(head, 8, "WEBP")) {
      return Optional.empty();
    }
    if (tag(head, 12, "VP8X")) {
      return Optional.of(new PictureSize(uint24(b, 24) + 1, uint24(b, 27) + 1));
    }
    if (tag(head, 12, "VP8L")) {
      long bits = b.getInt(21) & 0xFFFFFFFFL;
      return Optional.of(new PictureSize((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1));
    }
    if (tag(head, 12, "VP8 ")) {
      return Optional.of(new PictureSize(b.getShort(26) & 0x3FFF, b.getShort(28) & 0x3FFF));
    }
    return Optional.empty();
  }

  private static boolean tag(byte[] head, int at, String fourcc) {
    for (int i = 0; i < 4; i++) {
      if (head[at + i] != fourcc.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static long uint24(ByteBuffer b, int at) {
    return (b.get(at) & 0xFF) | (b.get(at + 1) & 0xFF) << 8 | (b.get(at + 2) & 0xFF) << 16;
  }
}
