package dev.videop2r.data;

import java.util.Locale;

/** The kind of media a sample carries ({@code data_type} in Video-R1 records). */
public enum DataType {
  IMAGE("image"),
  VIDEO("video");

  private final String wireName;

  DataType(String wireName) {
    this.wireName = wireName;
  }

  /** The spelling used in the JSON records. */
  public String wireName() {
    return wireName;
  }

  /** Parses a record's {@code data_type}; case-insensitive, surrounding whitespace ignored. */
  public static DataType parse(String value) {
    if (value != null) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      for (DataType t : values()) {
        if (t.wireName.equals(v)) {
          return t;
        }
      }
    }
    throw new IllegalArgumentException("unknown data_type '" + value + "' (expected image or video)");
  }
}
