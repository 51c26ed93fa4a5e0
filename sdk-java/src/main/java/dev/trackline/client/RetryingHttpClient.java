package dev.trackline.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.CookieHandler;
import java.net.NoRouteToHostException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The {@link HttpClient} under the generated client. It adds two things to the JDK client:
 *
 * <ul>
 *   <li>Retries with exponential backoff on connection errors (refused, connect timeout, the
 *       connection closed before any answer) and on HTTP 429 and 503, honouring {@code
 *       Retry-After}. Nothing else is retried: not other statuses, not a request timeout.
 *   <li>JSON bodies are handed on as ASCII (non-ASCII characters as {@code \\uXXXX} escapes) when
 *       the JVM's default charset is not UTF-8, because the generated code decodes bodies with the
 *       default charset; the JSON read is the same, whatever the locale.
 * </ul>
 */
final class RetryingHttpClient extends HttpClient {
  private final HttpClient delegate;
  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final boolean escapeJson;

  RetryingHttpClient(
      HttpClient delegate,
      int maxRetries,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration maxRetryAfter) {
    this(delegate, maxRetries, initialBackoff, maxBackoff, maxRetryAfter,
        !StandardCharsets.UTF_8.equals(Charset.defaultCharset()));
  }

  RetryingHttpClient(
      HttpClient delegate,
      int maxRetries,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration maxRetryAfter,
      boolean escapeJson) {
    this.delegate = delegate;
    this.maxRetries = maxRetries;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.maxRetryAfter = maxRetryAfter;
    this.escapeJson = escapeJson;
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    for (int attempt = 0; ; attempt++) {
      HttpResponse<T> response;
      try {
        response = delegate.send(request, handler);
      } catch (IOException e) {
        if (attempt >= maxRetries || !isConnectionError(e)) {
          throw e;
        }
        Thread.sleep(backoff(attempt).toMillis());
        continue;
      }
      int status = response.statusCode();
      if ((status == 429 || status == 503) && attempt < maxRetries) {
        discard(response.body());
        Duration wait = retryAfter(response.headers()).orElse(backoff(attempt));
        Thread.sleep(wait.toMillis());
        continue;
      }
      return escapeJson ? escaped(response) : response;
    }
  }

  /** Errors where the request got no answer and can be sent again. */
  static boolean isConnectionError(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException
          || t instanceof EOFException) {
        return true;
      }
      String message = t.getMessage();
      if (message != null && message.contains("received no bytes")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  Duration backoff(int attempt) {
    long base = initialBackoff.toMillis() << Math.min(attempt, 20);
    long capped = Math.min(base, maxBackoff.toMillis());
    long jitter = capped > 3 ? ThreadLocalRandom.current().nextLong(capped / 4 + 1) : 0;
    return Duration.ofMillis(capped + jitter);
  }

  Optional<Duration> retryAfter(HttpHeaders headers) {
    Optional<String> value = headers.firstValue("Retry-After");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String text = value.get().trim();
    Duration wait;
    try {
      wait = Duration.ofSeconds(Math.max(0, Long.parseLong(text)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
        wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
        if (wait.isNegative()) {
          wait = Duration.ZERO;
        }
      } catch (RuntimeException notADate) {
        return Optional.empty();
      }
    }
    return Optional.of(wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait);
  }

  private static void discard(Object body) {
    if (body instanceof InputStream) {
      try (InputStream in = (InputStream) body) {
        in.transferTo(OutputStreamSink.INSTANCE);
      } catch (IOException ignored) {
        // The answer is thrown away; a broken body changes nothing.
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> HttpResponse<T> escaped(HttpResponse<T> response) {
    if (!(response.body() instanceof InputStream)) {
      return response;
    }
    String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase();
    String accepted = response.request().headers().firstValue("Accept").orElse("");
    if (!type.startsWith("application/json") || !accepted.contains("application/json")) {
      return response; // not an API answer: e.g. a downloaded file, whose bytes stay as they are
    }
    T body = (T) new JsonAsciiInputStream((InputStream) response.body());
    return new ReplacedBody<>(response, body);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return delegate.sendAsync(request, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    return delegate.sendAsync(request, handler, pushPromiseHandler);
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  /** A response with its body replaced. */
  private static final class ReplacedBody<T> implements HttpResponse<T> {
    private final HttpResponse<T> response;
    private final T body;

    ReplacedBody(HttpResponse<T> response, T body) {
      this.response = response;
      this.body = body;
    }

    @Override
    public int statusCode() {
      return response.statusCode();
    }

    @Override
    public HttpRequest request() {
      return response.request();
    }

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return response.previousResponse();
    }

    @Override
    public HttpHeaders headers() {
      return response.headers();
    }

    @Override
    public T body() {
      return body;
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return response.sslSession();
    }

    @Override
    public URI uri() {
      return response.uri();
    }

    @Override
    public Version version() {
      return response.version();
    }
  }

  /** Where a discarded body goes. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }

  /**
   * The {@link HttpClient.Builder} handed to the generated {@code ApiClient}: it always builds
   * this client, which is configured by {@link TracklineClient.Builder}.
   */
  static final class FixedBuilder implements HttpClient.Builder {
    private final HttpClient client;

    FixedBuilder(HttpClient client) {
      this.client = client;
    }

    private static UnsupportedOperationException configureElsewhere() {
      return new UnsupportedOperationException(
          "configure the HTTP client through TracklineClient.builder()");
    }

    @Override
    public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
      throw configureElsewhere();
    }

    @Override
    public HttpClient.Builder connectTimeout(Duration duration) {
      throw configureElsewhere();
    }

    @Override
    public HttpClient.Builder sslContext(SSLContext sslContext) {
      throw configureElsewhere();
    }

    @Override
    public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
      throw configureElsewhere();
    }

    @Override
    public HttpClient.Builder executor(Executor executor) {
      throw configureElsewhere();
    }

    @Override
    public HttpClient.Builder followRedirects(Redirect policy) {
      throw configureElsewhere();
    }

    @Override
    public HttpClient.Builder version(Version version) {
      throw configureElsewhere();
    }

    @Override
    public HttpClient.Builder priority(int priority) {
      throw configureElsewhere();
    }

    @Override
    public HttpClient.Builder proxy(ProxySelector proxySelector) {
      throw configureElsewhere();
    }

    @Override
    public HttpClient.Builder authenticator(Authenticator authenticator) {
      throw configureElsewhere();
    }

    @Override
    public HttpClient build() {
      return client;
    }
  }
}
