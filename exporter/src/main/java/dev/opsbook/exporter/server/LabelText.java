package dev.opsbook.exporter.server;

import java.util.regex.Pattern;

/** Turns arbitrary text into valid label names and values of the Prometheus text format. */
public final class LabelText {

  /** Longer values are cut: a label value is an identifier, not a place for command output. */
  public static final int MAX_VALUE_LENGTH = 512;

  private static final Pattern INVALID_NAME_CHARS = Pattern.compile("[^a-zA-Z0-9_]");
  private static final char REPLACEMENT = '\uFFFD';

  private LabelText() {}

  /**
   * Returns a valid label name: characters other than letters, digits and {@code _} become
   * {@code _}, a leading digit gets a {@code _} prefix, and the {@code __} prefix that Prometheus
   * reserves is cut to one {@code _}. Returns {@code null} when nothing usable is left.
   */
  public static String name(String name) {
    if (name == null || name.isEmpty()) {
      return null;
    }
    if (isValidName(name) && !name.startsWith("__")) {
      return name;
    }
    String cleaned = INVALID_NAME_CHARS.matcher(name).replaceAll("_");
    if (Character.isDigit(cleaned.charAt(0))) {
      cleaned = "_" + cleaned;
    }
    while (cleaned.startsWith("__")) {
      cleaned = cleaned.substring(1);
    }
    return cleaned.equals("_") ? null : cleaned;
  }

  /**
   * Returns the value with control characters and unpaired surrogates, which cannot be encoded
   * as UTF-8, replaced by U+FFFD, cut to {@link #MAX_VALUE_LENGTH} characters.
   */
  public static String value(String value) {
    if (value == null) {
      return "";
    }
    if (isClean(value)) {
      return value;
    }
    StringBuilder cleaned = new StringBuilder(Math.min(value.length(), MAX_VALUE_LENGTH));
    int i = 0;
    while (i < value.length()) {
      int codePoint = value.codePointAt(i);
      int width = Character.charCount(codePoint);
      if (cleaned.length() + width > MAX_VALUE_LENGTH) {
        break;
      }
      if (Character.isISOControl(codePoint) || Character.isSurrogate((char) codePoint)) {
        cleaned.append(REPLACEMENT);
      } else {
        cleaned.appendCodePoint(codePoint);
      }
      i += width;
    }
    return cleaned.toString();
  }

  /**
   * Returns whether the name matches {@code [a-zA-Z_][a-zA-Z0-9_]*}, tested without a regex
   * because every label of every sample passes here on each scrape.
   */
  private static boolean isValidName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isClean(String value) {
    if (value.length() > MAX_VALUE_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
