package dev.opsbook.rulegen.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWriterTest {

  @TempDir Path out;

  @Test
  void writesFilesAndReplacesOwnedDirectory() throws IOException {
    Files.createDirectories(out.resolve("rules"));
    Files.writeString(out.resolve("rules/old.yml"), "old");
    Files.writeString(out.resolve("README.md"), "kept");

    OutputWriter.write(out, new GeneratedOutput(Map.of("rules/a.yml", "a", "rules/b.yml", "b")));

    assertThat(out.resolve("rules/a.yml")).hasContent("a");
    assertThat(out.resolve("rules/b.yml")).hasContent("b");
    assertThat(out.resolve("rules/old.yml")).doesNotExist();
    assertThat(out.resolve("README.md")).hasContent("kept");
    assertThat(listing(out)).containsExactlyInAnyOrder("README.md", "rules");
  }

  @Test
  void failureLeavesOutputUntouched() throws IOException {
    Files.createDirectories(out.resolve("rules"));
    Files.writeString(out.resolve("rules/a.yml"), "committed");
    // "rules/a.yml" as a file and as a directory cannot both be written.
    GeneratedOutput conflicting =
        new GeneratedOutput(Map.of("rules/a.yml", "new", "rules/a.yml/b.yml", "new"));

    assertThatThrownBy(() -> OutputWriter.write(out, conflicting)).isInstanceOf(IOException.class);

    assertThat(out.resolve("rules/a.yml")).hasContent("committed");
    assertThat(listing(out)).containsExactly("rules");
    assertThat(listing(out.resolve("rules"))).containsExactly("a.yml");
  }

  @Test
  void createsMissingOutputDirectory() throws IOException {
    Path nested = out.resolve("x/y");

    OutputWriter.write(nested, new GeneratedOutput(Map.of("rules/a.yml", "a")));

    assertThat(nested.resolve("rules/a.yml")).hasContent("a");
  }

  @Test
  void rejectsEmptyAndEscapingPaths() {
    assertThatThrownBy(() -> new GeneratedOutput(Map.of())).hasMessageContaining("no files");
    assertThatThrownBy(() -> new GeneratedOutput(Map.of("../a.yml", "a")))
        .hasMessageContaining("invalid output path \"../a.yml\"");
    assertThatThrownBy(() -> new GeneratedOutput(Map.of("/etc/a.yml", "a")))
        .hasMessageContaining("invalid output path");
  }

  @Test
  void completesSwapOfKilledWriter() throws Exception {
    Files.createDirectories(out.resolve("rules"));
    Files.writeString(out.resolve("rules/a.yml"), "old");
    // A writer killed between moving rules/ aside and moving the new one in.
    Path staging = Files.createDirectories(out.resolve(".rulegen-staging-" + deadPid() + "-1"));
    Files.createDirectories(staging.resolve("old"));
    Files.move(out.resolve("rules"), staging.resolve("old/rules"));
    Files.createDirectories(staging.resolve("new/rules"));
    Files.writeString(staging.resolve("new/rules/a.yml"), "killed");
    Files.createDirectories(staging.resolve("new/tests"));
    Files.writeString(staging.resolve("new/tests/t.yml"), "killed");
    Files.createFile(staging.resolve("ready"));

    OutputWriter.write(out, new GeneratedOutput(Map.of("alertmanager.yml", "am")));

    assertThat(out.resolve("rules/a.yml")).hasContent("killed");
    assertThat(out.resolve("tests/t.yml")).hasContent("killed");
    assertThat(out.resolve("alertmanager.yml")).hasContent("am");
    assertThat(listing(out)).containsExactly("alertmanager.yml", "rules", "tests");
  }

  @Test
  void dropsStagingOfWriterKilledBeforeSwap() throws Exception {
    Files.createDirectories(out.resolve("rules"));
    Files.writeString(out.resolve("rules/a.yml"), "old");
    Path staging = Files.createDirectories(out.resolve(".rulegen-staging-" + deadPid() + "-1"));
    Files.createDirectories(staging.resolve("new/rules"));
    Files.writeString(staging.resolve("new/rules/a.yml"), "half");

    OutputWriter.write(out, new GeneratedOutput(Map.of("alertmanager.yml", "am")));

    assertThat(out.resolve("rules/a.yml")).hasContent("old");
    assertThat(listing(out)).containsExactly("alertmanager.yml", "rules");
  }

  @Test
  void keepsStagingOfRunningWriter() throws Exception {
    Path staging = Files.createDirectories(out.resolve(".rulegen-staging-1-1/new/rules"));

    OutputWriter.write(out, new GeneratedOutput(Map.of("alertmanager.yml", "am")));

    assertThat(staging).isDirectory();
  }

  /** Returns the id of a process that has exited. */
  private static long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return process.pid();
  }

  private static java.util.List<String> listing(Path dir) throws IOException {
    try (Stream<Path> paths = Files.list(dir)) {
      return paths.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }
}
