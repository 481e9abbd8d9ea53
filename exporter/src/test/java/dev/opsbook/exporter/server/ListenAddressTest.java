package dev.opsbook.exporter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenAddressTest {

  @Test
  void portOnlyMeansEveryInterface() {
    ListenAddress address = ListenAddress.parse(":9469");

    assertThat(address.isWildcard()).isTrue();
    assertThat(address.port()).isEqualTo(9469);
  }

  @Test
  void hostAndPortParse() {
    assertThat(ListenAddress.parse("127.0.0.1:8080")).isEqualTo(new ListenAddress("127.0.0.1", 8080));
  }

  @Test
  void bracketedIpv6Parses() {
    ListenAddress address = ListenAddress.parse("[::1]:9469");

    assertThat(address.host()).isEqualTo("::1");
    assertThat(address).hasToString("[::1]:9469");
  }

  @Test
  void invalidValuesNameTheValue() {
    assertThatThrownBy(() -> ListenAddress.parse("9469")).hasMessageContaining("\"9469\"");
    assertThatThrownBy(() -> ListenAddress.parse("host:http")).hasMessageContaining("\"http\"");
    assertThatThrownBy(() -> ListenAddress.parse(":70000")).hasMessageContaining("65535");
    assertThatThrownBy(() -> ListenAddress.parse("::1:9469")).hasMessageContaining("brackets");
  }
}
