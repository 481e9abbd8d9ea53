package dev.opsbook.exporter;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The exporter's version, written into the jar by the Maven build. */
public final class Version {

  private static final String VALUE = read();

  private Version() {}

  public static String get() {
    return VALUE;
  }

  private static String read() {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    String version = properties.getProperty("version", "unknown");
    // An unfiltered resource, as in an IDE build without Maven, still contains the placeholder.
    return version.startsWith("${") ? "unknown" : version;
  }
}
