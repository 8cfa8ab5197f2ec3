package dev.videop2r.remote;

import java.util.regex.Pattern;

/**
 * Makes a remote error text safe to log and to write into journals: credentials that a server may echo back
 * (Authorization headers, bearer tokens, API keys) are masked, and long bodies are cut.
 */
final class Redaction {

  /** Characters of an error text kept; the rest is summarised by its length. */
  static final int MAX_CHARS = 500;

  private static final Pattern HEADER = Pattern.compile(
      "(?i)(\"?(?:authorization|proxy-authorization|x-api-key|api[-_]?key|access[-_]?token)\"?\\s*[:=]\\s*\"?)"
          + "(?:bearer\\s+)?[^\\s\",}]+");
  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
  private static final Pattern KEY = Pattern.compile("\\b(sk-(?:ant-)?)[A-Za-z0-9_-]{8,}");

  private Redaction() {}

  static String clean(String text) {
    if (text == null) {
      return null;
    }
    String out = HEADER.matcher(text).replaceAll("$1[redacted]");
    out = BEARER.matcher(out).replaceAll("$1[redacted]");
    out = KEY.matcher(out).replaceAll("$1[redacted]");
    if (out.length() > MAX_CHARS) {
      out = out.substring(0, MAX_CHARS) + "... (" + (out.length() - MAX_CHARS) + " more characters)";
    }
    return out;
  }
}
