package dev.opsbook.rulegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in a child JVM whose PATH has no promtool. */
class PromtoolMissingTest {

  @TempDir Path temp;

  /** Output and exit code of one child JVM run. */
  private record ChildRun(int exitCode, String stdout, String stderr) {}

  private static ChildRun runWithoutPromtool(String promtoolVariable, String... args)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(
        List.of(java, "-cp", System.getProperty("java.class.path"), FixtureMain.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("PROMTOOL");
    if (promtoolVariable != null) {
      builder.environment().put("PROMTOOL", promtoolVariable);
    }
    builder.environment().put("PATH", "/nonexistent" + File.pathSeparator + "/nonexistent2");
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));

    Process process = builder.start();
    var stdout = process.getInputStream();
    var stderr = process.getErrorStream();
    boolean finished = process.waitFor(60, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    assertThat(finished).as("child JVM finished within 60s").isTrue();
    return new ChildRun(process.exitValue(),
        new String(stdout.readAllBytes(), StandardCharsets.UTF_8),
        new String(stderr.readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void validateNamesThePackageToInstall() throws Exception {
    ChildRun run = runWithoutPromtool(null, "validate", "slo-spec.yaml");

    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr())
        .isEqualTo("rulegen: promtool not found; install it with apt-get install prometheus\n");
  }

  @Test
  void generateWritesWithOneNote() throws Exception {
    Path out = temp.resolve("generated");

    ChildRun run = runWithoutPromtool(null, "generate", "slo-spec.yaml", "--out", out.toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).isEqualTo("wrote 19 files to " + out + "\n");
    assertThat(run.stderr())
        .isEqualTo("rulegen: note: PromQL syntax not checked because promtool was not found;"
            + " install it with apt-get install prometheus, or set PROMTOOL to its path\n");
    assertThat(out.resolve("rules/slo-availability.yml")).isRegularFile();
  }

  @Test
  void checkWorksWithOneNote() throws Exception {
    Path out = temp.resolve("generated");
    runWithoutPromtool(null, "generate", "slo-spec.yaml", "--out", out.toString());

    ChildRun run = runWithoutPromtool(null, "check", "slo-spec.yaml", "--out", out.toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr()).startsWith("rulegen: note: PromQL syntax not checked");
    assertThat(run.stderr().lines()).hasSize(1);
  }

  @Test
  void generateRejectsInvalidPromtoolVariable() throws Exception {
    Path out = temp.resolve("generated");

    ChildRun run = runWithoutPromtool("/nonexistent/promtool", "generate", "slo-spec.yaml",
        "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.stderr()).isEqualTo("rulegen: PROMTOOL=/nonexistent/promtool is not an"
        + " executable file; unset it or point it at promtool\n");
    assertThat(out).doesNotExist();
  }
}
