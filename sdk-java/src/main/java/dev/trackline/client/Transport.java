package dev.trackline.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The HTTP layer under every call of the SDK, on the JDK's {@code java.net.http} client: the
 * server's base URI, the {@code User-Agent} and {@code Authorization} headers, timeouts, JSON
 * with Jackson, and retries ({@link RetryPolicy}). The generated {@code dev.trackline.client.api}
 * classes build their requests on it with {@link #request}.
 *
 * <p>One instance per {@link TracklineClient}, shared by all its threads; it holds no state
 * between requests.
 */
public final class Transport {
  private final String baseUri;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final RetryPolicy retryPolicy;
  private final Credentials credentials;
  private final String userAgent;
  private final ObjectMapper mapper = newObjectMapper();

  Transport(
      String baseUri,
      Duration connectTimeout,
      Duration requestTimeout,
      RetryPolicy retryPolicy,
      Credentials credentials) {
    this.baseUri = baseUri;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.requestTimeout = requestTimeout;
    this.retryPolicy = retryPolicy;
    this.credentials = credentials;
    this.userAgent = "trackline-java-client/" + version();
  }

  /** The server's base URI, e.g. {@code http://127.0.0.1:5000}. */
  public String getBaseUri() {
    return baseUri;
  }

  /**
   * A request of operation {@code operationId}: {@code method} on {@code pathTemplate} (below the
   * base URI, with {@code {name}} placeholders), to fill in and send.
   */
  public ApiRequest request(String operationId, String method, String pathTemplate) {
    return new ApiRequest(this, operationId, method, pathTemplate);
  }

  /**
   * A copy of the JSON mapper requests and answers go through: empty fields are left out of
   * requests (as MLflow's proto3 JSON does), unknown fields of answers are ignored.
   */
  public ObjectMapper copyObjectMapper() {
    return mapper.copy();
  }

  ObjectMapper mapper() {
    return mapper;
  }

  /** A request for {@code pathAndQuery} below the base URI, with this client's headers and timeout. */
  HttpRequest.Builder newRequest(String pathAndQuery) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUri + pathAndQuery))
            .timeout(requestTimeout)
            .header("User-Agent", userAgent);
    credentials.authorization().ifPresent(value -> request.header("Authorization", value));
    return request;
  }

  /** Sends {@code request}, again while the {@link RetryPolicy} says so; the last answer wins. */
  <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    for (int attempt = 0; ; attempt++) {
      HttpResponse<T> response;
      try {
        response = http.send(request, handler);
      } catch (IOException e) {
        if (!retryPolicy.retries(e, attempt)) {
          throw e;
        }
        Thread.sleep(retryPolicy.backoff(attempt).toMillis());
        continue;
      }
      if (!retryPolicy.retries(response.statusCode(), attempt)) {
        return response;
      }
      Thread.sleep(retryPolicy.waitAfter(response.headers(), attempt).toMillis());
    }
  }

  private static ObjectMapper newObjectMapper() {
    return JsonMapper.builder()
        .serializationInclusion(JsonInclude.Include.NON_EMPTY)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  /** The SDK's version, from the jar's manifest ({@code dev} when run from classes). */
  static String version() {
    String v = Transport.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }
}
