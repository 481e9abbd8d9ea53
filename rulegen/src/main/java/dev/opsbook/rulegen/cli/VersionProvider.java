package dev.opsbook.rulegen.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version that Maven writes into {@code version.properties} at build time. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() throws IOException {
    Properties properties = new Properties();
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/dev/opsbook/rulegen/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    }
    return new String[] {"rulegen " + properties.getProperty("version", "unknown")};
  }
}
