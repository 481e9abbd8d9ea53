package dev.opsbook.exporter.runner;

import dev.opsbook.exporter.testing.Sshd;
import dev.opsbook.spec.model.Host;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/** Builds settings and runners against a test {@link Sshd}. */
final class TestSsh {

  private TestSsh() {}

  /** Returns settings that trust the server's current host key and use its client key. */
  static SshSettings settings(Sshd sshd, Path knownHosts) throws IOException {
    sshd.writeKnownHosts(knownHosts);
    return SshSettings.defaults()
        .withKnownHosts(knownHosts, SshSettings.HostKeyPolicy.STRICT)
        .withIdentities(List.of(sshd.clientKey()))
        .withConnectTimeout(Duration.ofSeconds(5))
        .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2));
  }

  static Host host(Sshd sshd) {
    return new Host("test-host", sshd.host(), sshd.user(), sshd.port(), Map.of());
  }

  static SshRunner runner(Sshd sshd, SshSettings settings) throws SshConfigException {
    return runner(host(sshd), settings);
  }

  static SshRunner runner(Host host, SshSettings settings) throws SshConfigException {
    return runner(host, settings, SshIdentities.load(settings));
  }

  static SshRunner runner(Host host, SshSettings settings, SshIdentities identities) {
    return new SshRunner(host, settings, identities,
        new KnownHosts(settings.knownHosts(), settings.hostKeyPolicy()), new Semaphore(4));
  }
}
