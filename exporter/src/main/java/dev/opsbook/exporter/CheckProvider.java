package dev.opsbook.exporter;

import dev.opsbook.exporter.collect.EndpointCheck;
import dev.opsbook.exporter.collect.HostCheck;
import dev.opsbook.spec.model.Host;
import dev.opsbook.spec.model.Spec;
import java.util.List;

/** Builds the checks the spec configures. */
public interface CheckProvider {

  /** Returns new check instances for one host; instances are never shared between hosts. */
  List<HostCheck> hostChecks(Spec spec, Host host);

  /** Returns the checks the exporter runs itself, such as TLS and status endpoint probes. */
  List<EndpointCheck> endpointChecks(Spec spec);
}
