package dev.opsbook.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small HTTP client calls to the servers of the test, all on 127.0.0.1. */
final class Http {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Http() {}

  /** Returns the status code and body of a GET, or throws when there is no response. */
  static HttpResponse<String> get(String url) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while requesting " + url, e);
    }
  }

  /** Returns true when a GET of {@code url} returns 200. */
  static boolean isOk(String url) {
    try {
      return get(url).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }
}
