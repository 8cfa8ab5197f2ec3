package dev.videop2r.testkit.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Byte-level damage to a valid input, the way files get damaged: cut short, bits flipped, garbage written over or
 * into it, invalid UTF-8, a number swapped for a huge, negative or non-numeric one. Deterministic for a given
 * {@link Random}.
 */
public final class ByteMutations {

  /** Replacements for a run of digits: overflowing, negative, fractional, exponent, not a number. */
  private static final String[] NUMBERS = {"0", "-1", "-9223372036854775808", "9223372036854775807",
      "18446744073709551616", "99999999999999999999999999999999", "2147483648", "4294967296", "1e999", "-1e999",
      "1.5", "NaN", "0x10", "1e-999", "007", ""};

  /** Byte sequences that are not UTF-8: a lone continuation, an overlong '/', a surrogate, a cut 4-byte form, 0xFF. */
  private static final byte[][] INVALID_UTF8 = {
      {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF0, (byte) 0x9F},
      {(byte) 0xFF}, {(byte) 0xC3, 0x28}, {0}};

  private ByteMutations() {}

  /** The name of a damage and the damaged bytes. */
  public record Damaged(String mutation, byte[] bytes) {}

  /** One to three damages applied to a copy of {@code valid}. */
  public static Damaged damage(byte[] valid, Random random) {
    byte[] bytes = valid.clone();
    StringBuilder name = new StringBuilder();
    int rounds = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
    for (int i = 0; i < rounds; i++) {
      Damaged d = once(bytes, random);
      bytes = d.bytes();
      name.append(i == 0 ? "" : " + ").append(d.mutation());
    }
    return new Damaged(name.toString(), bytes);
  }

  private static Damaged once(byte[] bytes, Random random) {
    int n = bytes.length;
    return switch (random.nextInt(10)) {
      case 0 -> {
        int at = n == 0 ? 0 : random.nextInt(n);
        yield new Damaged("truncate@" + at, Arrays.copyOf(bytes, at));
      }
      case 1 -> {
        int flips = 1 + random.nextInt(8);
        byte[] out = bytes.clone();
        for (int i = 0; i < flips && n > 0; i++) {
          out[random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
        }
        yield new Damaged("bitflip x" + flips, out);
      }
      case 2 -> {
        int at = n == 0 ? 0 : random.nextInt(n);
        byte[] garbage = garbage(random, 1 + random.nextInt(64));
        byte[] out = bytes.clone();
        System.arraycopy(garbage, 0, out, at, Math.min(garbage.length, n - at));
        yield new Damaged("overwrite@" + at + " x" + garbage.length, out);
      }
      case 3 -> {
        int at = n == 0 ? 0 : random.nextInt(n + 1);
        yield new Damaged("insert-garbage@" + at, splice(bytes, at, 0, garbage(random, 1 + random.nextInt(64))));
      }
      case 4 -> {
        int at = n == 0 ? 0 : random.nextInt(n + 1);
        byte[] bad = INVALID_UTF8[random.nextInt(INVALID_UTF8.length)];
        yield new Damaged("invalid-utf8@" + at, splice(bytes, at, 0, bad));
      }
      case 5 -> swapNumber(bytes, random);
      case 6 -> {
        int from = n == 0 ? 0 : random.nextInt(n);
        int len = Math.min(n - from, 1 + random.nextInt(256));
        byte[] chunk = Arrays.copyOfRange(bytes, from, from + len);
        yield new Damaged("repeat@" + from + " x" + len, splice(bytes, from, 0, chunk));
      }
      case 7 -> {
        int from = n == 0 ? 0 : random.nextInt(n);
        int len = Math.min(n - from, 1 + random.nextInt(256));
        yield new Damaged("delete@" + from + " x" + len, splice(bytes, from, len, new byte[0]));
      }
      case 8 -> random.nextInt(4) == 0 ? new Damaged("empty", new byte[0])
          : new Damaged("all-garbage", garbage(random, 1 + random.nextInt(Math.max(1, Math.min(n, 4096)))));
      default -> {
        int from = n == 0 ? 0 : random.nextInt(n);
        int len = Math.min(n - from, 1 + random.nextInt(64));
        byte[] out = bytes.clone();
        Arrays.fill(out, from, from + len, random.nextBoolean() ? 0 : (byte) 0xFF);
        yield new Damaged("fill@" + from + " x" + len, out);
      }
    };
  }

  /** Replaces one run of ASCII digits (the first at or after a random offset) with an extreme number. */
  private static Damaged swapNumber(byte[] bytes, Random random) {
    int start = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
    for (int k = 0; k < bytes.length; k++) {
      int i = (start + k) % bytes.length;
      if (isDigit(bytes[i]) && (i == 0 || !isDigit(bytes[i - 1]))) {
        int end = i;
        while (end < bytes.length && isDigit(bytes[end])) {
          end++;
        }
        String number = NUMBERS[random.nextInt(NUMBERS.length)];
        return new Damaged("number@" + i + "=" + number,
            splice(bytes, i, end - i, number.getBytes(StandardCharsets.US_ASCII)));
      }
    }
    return new Damaged("number(none)", bytes);
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  static byte[] garbage(Random random, int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }

  /** {@code bytes} with {@code removed} bytes at {@code at} replaced by {@code inserted}. */
  public static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
    byte[] out = new byte[bytes.length - removed + inserted.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(bytes, at + removed, out, at + inserted.length, bytes.length - at - removed);
    return out;
  }
}
