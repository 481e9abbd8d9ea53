package dev.opsbook.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems with the file itself: missing, unreadable, empty, not YAML, wrong version. */
class FileProblemsTest {

  @TempDir Path directory;

  private static Problem onlyProblem(SpecException exception) {
    assertThat(exception).as("expected a problem").isNotNull();
    assertThat(exception.problems()).as(exception.getMessage()).hasSize(1);
    return exception.problems().get(0);
  }

  private Problem loadFile(String text) throws IOException {
    Path file = directory.resolve("slo-spec.yaml");
    Files.writeString(file, text);
    return onlyProblem(catchThrowableOfType(SpecException.class, () -> SpecLoader.load(file)));
  }

  @Test
  void missingFile() {
    Path file = directory.resolve("absent.yaml");
    Problem problem =
        onlyProblem(catchThrowableOfType(SpecException.class, () -> SpecLoader.load(file)));
    assertThat(problem.file()).isEqualTo(file.toString());
    assertThat(problem.line()).isZero();
    assertThat(problem.message()).startsWith("file not found");
  }

  @Test
  void directoryInsteadOfFile() {
    Problem problem =
        onlyProblem(catchThrowableOfType(SpecException.class, () -> SpecLoader.load(directory)));
    assertThat(problem.message()).startsWith("is a directory");
  }

  @Test
  void unreadablePath() throws IOException {
    // A path below a regular file fails with ENOTDIR, even for root, unlike a chmod 000 file.
    Path regular = Files.writeString(directory.resolve("regular"), "x");
    Path file = regular.resolve("slo-spec.yaml");
    Problem problem =
        onlyProblem(catchThrowableOfType(SpecException.class, () -> SpecLoader.load(file)));
    assertThat(problem.message()).startsWith("cannot read the file");
  }

  @Test
  void invalidUtf8() throws IOException {
    Path file = directory.resolve("latin1.yaml");
    Files.write(file, "service: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    Problem problem =
        onlyProblem(catchThrowableOfType(SpecException.class, () -> SpecLoader.load(file)));
    assertThat(problem.message()).isEqualTo("file is not valid UTF-8; save it as UTF-8");
  }

  @Test
  void emptyFile() throws IOException {
    assertThat(loadFile("").message()).isEqualTo("file is empty; start the spec with version: 1");
    assertThat(loadFile("# only a comment\n").message()).startsWith("file is empty");
  }

  @Test
  void notYaml() throws IOException {
    Problem problem = loadFile("version: 1\nservice: api\n  labels: [a\n");
    assertThat(problem.line()).isEqualTo(3);
    assertThat(problem.column()).isEqualTo(9);
    assertThat(problem.message()).startsWith("invalid YAML: ");
    assertThat(problem.message()).doesNotContain("\n").doesNotContain("Exception");
  }

  @Test
  void unclosedQuote() throws IOException {
    Problem problem = loadFile("version: 1\nservice: \"api\nslos: []\n");
    assertThat(problem.line()).isEqualTo(4);
    assertThat(problem.message()).contains("found unexpected end of stream");
  }

  @Test
  void twoDocuments() throws IOException {
    Problem problem = loadFile("version: 1\n---\nversion: 1\n");
    assertThat(problem.line()).isEqualTo(2);
    assertThat(problem.message()).contains("expected a single document");
  }

  @Test
  void topLevelNotAMap() throws IOException {
    Problem problem = loadFile("- version: 1\n");
    assertThat(problem.line()).isEqualTo(1);
    assertThat(problem.column()).isEqualTo(1);
    assertThat(problem.message()).isEqualTo(
        "expected a map of keys such as version, service and slos at the top level, got a list");
  }

  @Test
  void missingVersionIsReportedWithOtherProblems() {
    SpecException exception =
        catchThrowableOfType(
            SpecException.class, () -> SpecLoader.parse("service: api\n", "s.yaml"));
    assertThat(exception.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "s.yaml:1:1: version: missing required key \"version\"; add version: 1 as the first line",
            "s.yaml:1:1: runbook_url: missing required key \"runbook_url\"; add runbook_url: with"
                + " a string");
  }

  @Test
  void unsupportedVersionStopsBinding() {
    SpecException exception =
        catchThrowableOfType(
            SpecException.class, () -> SpecLoader.parse("version: 2\nservce: x\n", "s.yaml"));
    Problem problem = onlyProblem(exception);
    assertThat(problem.toString())
        .isEqualTo(
            "s.yaml:1:10: version: unsupported spec version, got the integer 2; this opsbook"
                + " reads version 1 only, so write version: 1 or use the opsbook release that"
                + " wrote the file");
  }

  @Test
  void quotedVersionIsUnsupported() {
    Problem problem =
        onlyProblem(
            catchThrowableOfType(
                SpecException.class, () -> SpecLoader.parse("version: \"1\"\n", "s.yaml")));
    assertThat(problem.message()).contains("got the string \"1\"");
  }

  @Test
  void aliasBombIsRejected() {
    StringBuilder text = new StringBuilder("version: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 0; i < 60; i++) {
      text.append("b").append(i).append(": [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n");
    }
    SpecException exception =
        catchThrowableOfType(
            SpecException.class, () -> SpecLoader.parse(text.toString(), "s.yaml"));
    assertThat(onlyProblem(exception).message())
        .isEqualTo(
            "invalid YAML: Number of aliases for non-scalar nodes exceeds the specified max=50");
  }
}
