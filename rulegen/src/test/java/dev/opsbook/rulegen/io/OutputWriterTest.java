package dev.opsbook.rulegen.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

  private static java.util.List<String> listing(Path dir) throws IOException {
    try (Stream<Path> paths = Files.list(dir)) {
      return paths.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }
}
