package dev.videop2r.model.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A tensor's little-endian bytes as a safetensors file stores them, produced when the file is written: a buffer, or
 * a model's array encoded a block at a time (so saving never holds a second copy of a model, and a tensor may
 * exceed the 2 GiB a buffer can hold).
 */
public interface TensorBytes {

  long size();

  /** Writes exactly {@link #size()} bytes. */
  void writeTo(WritableByteChannel out) throws IOException;

  /** The remaining bytes of {@code data} (not consumed: each write reads a duplicate). */
  static TensorBytes of(ByteBuffer data) {
    return new TensorBytes() {
      @Override
      public long size() {
        return data.remaining();
      }

      @Override
      public void writeTo(WritableByteChannel out) throws IOException {
        writeFully(out, data.duplicate());
      }
    };
  }

  static void writeFully(WritableByteChannel out, ByteBuffer data) throws IOException {
    while (data.hasRemaining()) {
      out.write(data);
    }
  }
}
