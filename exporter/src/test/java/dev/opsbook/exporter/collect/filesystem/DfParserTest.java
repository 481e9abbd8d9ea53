package dev.opsbook.exporter.collect.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsbook.exporter.collect.Resources;
import dev.opsbook.exporter.collect.filesystem.DfParser.DfFormatException;
import dev.opsbook.exporter.collect.filesystem.DfParser.DfRow;
import dev.opsbook.exporter.collect.filesystem.DfParser.PathResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class DfParserTest {

  @Test
  void parsesRealOutputOfFourPaths() throws Exception {
    List<PathResult> results = DfParser.parse(Resources.text("filesystem/df-mixed.txt"), 4);

    assertThat(results).hasSize(4);
    DfRow root = results.get(0).row();
    assertThat(root.device()).isEqualTo("/dev/vda");
    assertThat(root.fstype()).isEqualTo("ext4");
    assertThat(root.sizeBytes()).isEqualTo(270553174016L);
    assertThat(root.usedBytes()).isEqualTo(23676555264L);
    assertThat(root.availBytes()).isEqualTo(85267738624L);
    assertThat(root.mountpoint()).isEqualTo("/");

    PathResult missing = results.get(1);
    assertThat(missing.row()).isNull();
    assertThat(missing.exitStatus()).isEqualTo(1);
    assertThat(missing.errorText()).contains("No such file or directory");

    assertThat(results.get(2).row().mountpoint()).isEqualTo("/tmp/opsbook mnt");
    assertThat(results.get(2).row().device()).isEqualTo("none");
    assertThat(results.get(3).row().device())
        .isEqualTo("a-very-long-device-name-that-legacy-df-would-wrap-onto-two-lines");
  }

  @Test
  void joinsLegacyWrappedLine() throws Exception {
    DfRow row = DfParser.parse(Resources.text("filesystem/df-legacy-wrapped.txt"), 1).get(0).row();

    assertThat(row.device()).isEqualTo("/dev/mapper/vg_spacetime_data-lv_opt_spacetime_backups_archive");
    assertThat(row.sizeBytes()).isEqualTo(107374182400L);
    assertThat(row.mountpoint()).isEqualTo("/opt/spacetime");
  }

  @Test
  void decodesOctalEscapesInMountPoint() throws Exception {
    DfRow row = DfParser.parse(Resources.text("filesystem/df-octal-escapes.txt"), 1).get(0).row();

    assertThat(row.mountpoint()).isEqualTo("/srv/scene data\ttab");
  }

  @Test
  void rejectsMissingMarker() {
    String output = "Filesystem Type 1-blocks Used Available Capacity Mounted on\n";

    assertThatThrownBy(() -> DfParser.parse(output, 1))
        .isInstanceOf(DfFormatException.class)
        .hasMessageContaining("0 path results, expected 1");
  }

  @Test
  void rejectsLineWithoutNumbers() {
    String output = "Filesystem Type\n/dev/vda ext4 lots of space\n\n==opsbook-df== 0 0\n";

    assertThatThrownBy(() -> DfParser.parse(output, 1))
        .isInstanceOf(DfFormatException.class)
        .hasMessageContaining("invalid df line");
  }

  @Test
  void rejectsMarkersOutOfOrder() {
    String output = "df: x: No such file or directory\n==opsbook-df== 1 1\n";

    assertThatThrownBy(() -> DfParser.parse(output, 2))
        .isInstanceOf(DfFormatException.class)
        .hasMessageContaining("marker 1 where marker 0 belongs");
  }
}
