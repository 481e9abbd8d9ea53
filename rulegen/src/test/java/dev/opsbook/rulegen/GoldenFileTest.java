package dev.opsbook.rulegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.rulegen.io.GeneratedOutput;
import dev.opsbook.rulegen.io.OutputChecker;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * The committed generated/ directory is byte for byte what slo-spec.yaml generates. After a
 * reviewed change, rerun with {@code -Dgolden.update=true} or run {@code bin/rulegen generate
 * slo-spec.yaml --out generated}.
 */
class GoldenFileTest {

  @Test
  void generatedDirectoryIsCurrent() throws Exception {
    if (Boolean.getBoolean("golden.update")) {
      GoldenFiles.update();
    }
    Path generated = GoldenFiles.repositoryRoot().resolve("generated");
    GeneratedOutput expected = GoldenFiles.generate();

    OutputChecker.Result result = OutputChecker.check(generated, expected);

    assertThat(result.missing()).as("missing files").isEmpty();
    assertThat(result.extra()).as("extra files").isEmpty();
    assertThat(result.stale()).as("stale files").isEmpty();
  }

  @Test
  void twoRunsAreByteIdentical() throws Exception {
    assertThat(GoldenFiles.generate().files()).isEqualTo(GoldenFiles.generate().files());
  }

  @Test
  void outputIgnoresLocaleAndTimeZone() throws Exception {
    GeneratedOutput expected = GoldenFiles.generate();
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    // Persian formats %d with Eastern Arabic digits, Turkish upper-cases i to a dotted I, and
    // German writes a decimal comma.
    for (String tag : new String[] {"fa-IR", "tr-TR", "de-DE", "ar-EG"}) {
      try {
        Locale.setDefault(Locale.forLanguageTag(tag));
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));

        assertThat(GoldenFiles.generate().files()).as(tag).isEqualTo(expected.files());
      } finally {
        Locale.setDefault(locale);
        TimeZone.setDefault(zone);
      }
    }
  }
}
