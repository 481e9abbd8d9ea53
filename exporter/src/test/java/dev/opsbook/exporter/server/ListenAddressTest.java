package dev.opsbook.exporter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
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

  @Test
  void validHostsParse() {
    Map<String, ListenAddress> cases = Map.of(
        "localhost:9469", new ListenAddress("localhost", 9469),
        "metrics-1.example.internal:80", new ListenAddress("metrics-1.example.internal", 80),
        "0.0.0.0:9469", new ListenAddress("0.0.0.0", 9469),
        "255.255.255.255:1", new ListenAddress("255.255.255.255", 1),
        "[::]:9469", new ListenAddress("::", 9469),
        "[2001:db8::a:1]:9469", new ListenAddress("2001:db8::a:1", 9469),
        "[1:2:3:4:5:6:7:8]:9469", new ListenAddress("1:2:3:4:5:6:7:8", 9469),
        "[::ffff:192.0.2.1]:9469", new ListenAddress("::ffff:192.0.2.1", 9469),
        "[fe80::1%eth0]:9469", new ListenAddress("fe80::1%eth0", 9469));

    cases.forEach((text, expected) ->
        assertThat(ListenAddress.parse(text)).as("parse of \"%s\"", text).isEqualTo(expected));
  }

  @Test
  void malformedValuesAreRejected() {
    List<String> values = List.of(
        " :80", ":80 ", "\t:80", ":80\n", " 127.0.0.1:80", "127.0.0.1 :80", ": 80",
        "local host:80", "-host:80", "host-:80", "host..example:80", "host.:80", ".host:80",
        "host_1:80", "h\u00f6st:80", "256.0.0.1:80", "1.2.3:80", "01.2.3.4:80", "10:80",
        "[]:80", "[::1", "[::1]", "[::1]80", "[localhost]:80", "[1.2.3.4]:80", "[1::2::3]:80",
        "[1:2:3:4:5:6:7:8:9]:80", "[12345::1]:80", "[::1%]:80", "[::1]:80:80",
        "a".repeat(64) + ":80", ":+80", ":-1", ":\u0660", ":");

    for (String value : values) {
      assertThatThrownBy(() -> ListenAddress.parse(value))
          .as("parse of \"%s\"", value)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("invalid listen address \"" + value + "\": ")
          .hasMessageEndingWith("; use HOST:PORT or :PORT");
    }
  }

  @Test
  void whitespaceIsNamedInMessage() {
    assertThatThrownBy(() -> ListenAddress.parse(" :80"))
        .hasMessage("invalid listen address \" :80\": it contains whitespace;"
            + " use HOST:PORT or :PORT");
  }
}
