package dev.opsbook.rulegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** validate in a child JVM whose PATH has no promtool. */
class PromtoolMissingTest {

  @Test
  void validateNamesThePackageToInstall() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(java, "-cp", System.getProperty("java.class.path"),
                FixtureMain.class.getName(), "validate", "slo-spec.yaml"));
    builder.environment().remove("PROMTOOL");
    builder.environment().put("PATH", "/nonexistent" + File.pathSeparator + "/nonexistent2");
    builder.redirectErrorStream(true);
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));

    Process process = builder.start();
    boolean finished = process.waitFor(60, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(finished).as("child JVM finished within 60s").isTrue();
    assertThat(process.exitValue()).as(output).isEqualTo(ExitCodes.FAILURE);
    assertThat(output)
        .isEqualTo("rulegen: promtool not found; install it with apt-get install prometheus\n");
  }
}
