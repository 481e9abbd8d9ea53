package dev.opsbook.exporter.collect;

import java.time.Duration;
import java.util.List;

/**
 * A check that the exporter runs itself over the network, such as a TLS or status endpoint
 * probe. Its samples carry the {@code host} label value {@code exporter}.
 */
public interface EndpointCheck {

  /** Returns the check name, the value of the {@code check} label. */
  String name();

  /** Returns the probed endpoint, the value of the {@code endpoint} label. */
  String endpoint();

  Duration interval();

  /**
   * Probes the endpoint.
   *
   * @return the samples, without the {@code host} label
   * @throws CheckFailure when the endpoint cannot be probed
   */
  List<Sample> collect() throws CheckFailure;
}
