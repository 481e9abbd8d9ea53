package dev.opsbook.rulegen;

import java.util.Locale;

/** Converts spec names such as {@code spacetime-api} into CamelCase alert-name parts. */
public final class Names {

  private Names() {}

  /** Returns the CamelCase form: every run of letters and digits starts with a capital. */
  public static String camelCase(String name) {
    StringBuilder camel = new StringBuilder();
    for (String part : name.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        camel.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
      }
    }
    if (camel.length() == 0 || Character.isDigit(camel.charAt(0))) {
      camel.insert(0, 'X');
    }
    return camel.toString();
  }

  /** Returns a name usable in a file name: lower case, runs of other characters as one dash. */
  public static String fileName(String name) {
    String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    slug = slug.replaceAll("^-+|-+$", "");
    return slug.isEmpty() ? "unnamed" : slug;
  }
}
