package dev.opsbook.exporter.collect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads captured command output from {@code src/test/resources/collect}. */
public final class Resources {

  private Resources() {}

  public static byte[] bytes(String name) {
    try (InputStream in = Resources.class.getResourceAsStream("/collect/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("test resource not found: /collect/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }
}
