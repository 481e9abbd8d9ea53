package dev.opsbook.exporter.collect.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsbook.exporter.collect.Resources;
import dev.opsbook.exporter.collect.systemd.SystemctlShowParser.SystemctlFormatException;
import dev.opsbook.exporter.collect.systemd.SystemctlShowParser.UnitState;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SystemctlShowParserTest {

  @Test
  void parsesFourUnits() throws Exception {
    List<UnitState> units = SystemctlShowParser.parse(Resources.text("systemd/show-units.txt"));

    assertThat(units).hasSize(4);
    UnitState service = units.get(0);
    assertThat(service.id()).isEqualTo("godot-spacetime.service");
    assertThat(service.activeState()).isEqualTo("active");
    assertThat(service.subState()).isEqualTo("running");
    assertThat(service.restarts()).hasValue(0);
    assertThat(service.activeEnterSeconds())
        .hasValue(Instant.parse("2026-12-03T10:15:02Z").getEpochSecond());
    UnitState timer = units.get(1);
    assertThat(timer.subState()).isEqualTo("waiting");
    assertThat(timer.restarts()).isEmpty();
    assertThat(units.get(2).restarts()).hasValue(4);
    UnitState missing = units.get(3);
    assertThat(missing.loadState()).isEqualTo("not-found");
    assertThat(missing.activeEnterSeconds()).isEmpty();
  }

  @Test
  void acceptsOutputWithoutTrailingNewline() throws Exception {
    List<UnitState> units =
        SystemctlShowParser.parse("Id=a.service\nLoadState=loaded\nActiveState=active\nSubState=running");

    assertThat(units).hasSize(1);
  }

  @Test
  void rejectsLocalTimeZone() {
    assertThatThrownBy(
            () -> SystemctlShowParser.parseTimestamp("Thu 2026-12-03 11:15:02 CET", "a.service"))
        .isInstanceOf(SystemctlFormatException.class)
        .hasMessageContaining("expected a UTC time");
  }

  @Test
  void rejectsBlockWithoutActiveState() {
    assertThatThrownBy(() -> SystemctlShowParser.parse("Id=a.service\nLoadState=loaded\n"))
        .isInstanceOf(SystemctlFormatException.class)
        .hasMessageContaining("a.service has no ActiveState");
  }

  @Test
  void rejectsLineWithoutEquals() {
    assertThatThrownBy(() -> SystemctlShowParser.parse("Failed to connect to bus\n"))
        .isInstanceOf(SystemctlFormatException.class)
        .hasMessageContaining("invalid systemctl show line");
  }

  @Test
  void treatsNotApplicableTimestampAsNever() throws Exception {
    assertThat(SystemctlShowParser.parseTimestamp("n/a", "a.service")).isEqualTo(OptionalLong.empty());
  }
}
