package dev.opsbook.exporter;

import dev.opsbook.exporter.collect.EndpointCheck;
import dev.opsbook.exporter.collect.HostCheck;
import dev.opsbook.spec.model.Host;
import dev.opsbook.spec.model.Spec;
import java.util.List;

/** Builds the checks the spec configures. */
public interface CheckProvider {

  /**
   * Returns new check instances for one host; instances are never shared between hosts.
   *
   * @throws IllegalArgumentException naming the value when a spec value cannot be used
   */
  List<HostCheck> hostChecks(Spec spec, Host host);

  /**
   * Returns the checks the exporter runs itself, such as TLS and status endpoint probes.
   *
   * @throws IllegalArgumentException naming the value when an endpoint or URL is invalid
   */
  List<EndpointCheck> endpointChecks(Spec spec);
}
