package dev.opsbook.exporter.collect.status;

import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.EndpointCheck;
import dev.opsbook.exporter.collect.ItemFailures;
import dev.opsbook.exporter.collect.ItemFailures.ItemFailure;
import dev.opsbook.exporter.collect.Reasons;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.status.StatusBodyParser.StatusBody;
import dev.opsbook.spec.MetricNames;
import dev.opsbook.spec.model.Checks.StatusEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes the service's JSON status endpoint with an HTTP GET. Any HTTP response gives status
 * code, duration and ready samples; ready is 1 only for a 2xx response whose ready field is
 * {@code true}. A component whose field is missing or not a number in a 2xx body gets an
 * {@code opsbook_check_failure_info} sample with its {@code component} label instead of a
 * state. No response at all fails the check.
 */
public final class StatusEndpointCheck implements EndpointCheck {

  private static final Logger LOG = LoggerFactory.getLogger(StatusEndpointCheck.class);

  /** Maximum body size read; a status document is a few hundred bytes. */
  static final int MAX_BODY_BYTES = 1 << 20;

  private final StatusEndpoint spec;
  private final HttpUrl url;
  private final OkHttpClient client;
  private final ItemFailures componentFailures;

  /**
   * @throws IllegalArgumentException when the URL is not an http or https URL
   */
  public StatusEndpointCheck(StatusEndpoint spec) {
    this.spec = spec;
    this.url = HttpUrl.parse(spec.url());
    if (url == null) {
      throw new IllegalArgumentException(
          "status endpoint URL \"" + spec.url() + "\" is not a valid http or https URL");
    }
    Duration timeout = spec.timeout().toDuration();
    this.client =
        new OkHttpClient.Builder()
            .callTimeout(timeout)
            .connectTimeout(timeout)
            .readTimeout(timeout)
            .retryOnConnectionFailure(false)
            .build();
    this.componentFailures = new ItemFailures(LOG, name(), MetricNames.LABEL_COMPONENT);
  }

  @Override
  public String name() {
    return MetricNames.CHECK_STATUS;
  }

  @Override
  public String endpoint() {
    return spec.url();
  }

  @Override
  public Duration interval() {
    return spec.interval().toDuration();
  }

  @Override
  public List<Sample> collect() throws CheckFailure {
    Request request = new Request.Builder().url(url).get().header("Accept", "application/json").build();
    long start = System.nanoTime();
    int code;
    byte[] body;
    try (Response response = client.newCall(request).execute()) {
      code = response.code();
      body = readCapped(response.body());
    } catch (IOException e) {
      throw failureOf(e);
    } catch (RuntimeException e) {
      throw new CheckFailure(
          Reasons.UNREACHABLE, "check status: GET " + spec.url() + " failed: " + e, e);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return samplesOf(code, seconds, body);
  }

  private List<Sample> samplesOf(int code, double seconds, byte[] body) {
    Map<String, String> endpoint = Map.of(MetricNames.LABEL_ENDPOINT, spec.url());
    boolean success = code >= 200 && code < 300;
    StatusBody parsed = body == null ? null : StatusBodyParser.parse(body, spec.readyField(), spec.components());
    boolean ready = success && parsed != null && Boolean.TRUE.equals(parsed.ready());
    List<Sample> samples = new ArrayList<>();
    samples.add(Sample.gauge(MetricNames.STATUS_HTTP_STATUS_CODE, endpoint, code));
    samples.add(Sample.gauge(MetricNames.STATUS_PROBE_DURATION_SECONDS, endpoint, seconds));
    samples.add(Sample.gauge(MetricNames.STATUS_READY, endpoint, ready ? 1 : 0));
    List<ItemFailure> failures = new ArrayList<>();
    if (parsed != null) {
      for (Map.Entry<String, Double> state : parsed.componentStates().entrySet()) {
        Map<String, String> labels = new HashMap<>(endpoint);
        labels.put(MetricNames.LABEL_COMPONENT, state.getKey());
        samples.add(Sample.gauge(MetricNames.STATUS_COMPONENT_STATE, labels, state.getValue()));
      }
      if (success) {
        for (Map.Entry<String, String> error : parsed.componentErrors().entrySet()) {
          failures.add(componentFailure(error.getKey(), error.getValue(), parsed.error()));
        }
      }
    } else if (success) {
      for (String component : spec.components().keySet()) {
        failures.add(componentFailure(component, Reasons.TOO_LARGE, "body exceeds 1 MiB"));
      }
    }
    componentFailures.logChanges(new ArrayList<>(spec.components().keySet()), failures);
    for (ItemFailure failure : failures) {
      Map<String, String> labels = new HashMap<>(componentFailures.sample(failure).labels());
      labels.put(MetricNames.LABEL_ENDPOINT, spec.url());
      samples.add(Sample.gauge(MetricNames.CHECK_FAILURE_INFO, labels, 1));
    }
    return samples;
  }

  private ItemFailure componentFailure(String component, String reason, String bodyError) {
    String cause =
        bodyError != null
            ? bodyError
            : "field " + spec.components().get(component)
                + (reason.equals(Reasons.NOT_FOUND) ? " is missing" : " is not a number");
    return new ItemFailure(
        component,
        reason,
        "check status: GET " + spec.url() + ": component " + component + ": " + cause);
  }

  /** Returns the body, or null when it exceeds {@link #MAX_BODY_BYTES}. */
  private static byte[] readCapped(ResponseBody body) throws IOException {
    try (InputStream in = body.byteStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      return bytes.length > MAX_BODY_BYTES ? null : bytes;
    }
  }

  private CheckFailure failureOf(IOException e) {
    // SocketTimeoutException and okhttp's call timeout are both InterruptedIOExceptions.
    String reason = Reasons.UNREACHABLE;
    if (e instanceof InterruptedIOException) {
      reason = Reasons.TIMEOUT;
    } else if (e instanceof SSLException) {
      reason = Reasons.TLS_ERROR;
    }
    String message =
        reason.equals(Reasons.TIMEOUT)
            ? "timed out after " + spec.timeout()
            : "failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    return new CheckFailure(reason, "check status: GET " + spec.url() + " " + message, e);
  }
}
