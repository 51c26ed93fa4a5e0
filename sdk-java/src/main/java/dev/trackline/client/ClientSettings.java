package dev.trackline.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The settings of a {@link TracklineClient}: their defaults, what the environment changes, and
 * the setters of {@link TracklineClient.Builder} (which adds {@code build()}), each checking its
 * value.
 */
abstract class ClientSettings {
  String trackingUri;
  Credentials credentials;
  String userId = System.getProperty("user.name");
  Duration connectTimeout = Duration.ofSeconds(10);
  Duration requestTimeout = Duration.ofSeconds(120);
  int maxRetries = 5;
  Duration initialBackoff = Duration.ofMillis(500);
  Duration maxBackoff = Duration.ofSeconds(16);
  Duration maxRetryAfter = Duration.ofSeconds(60);
  int historyPageSize = 25000;
  int registryHistoryPageSize = 1000;
  boolean asyncLogging;
  int asyncQueueCapacity = 10000;
  Duration asyncBatchWindow = Duration.ofMillis(100);

  /**
   * The defaults, changed by {@code TRACKLINE_TRACKING_URI} or {@code MLFLOW_TRACKING_URI}, the
   * credential variables ({@link Credentials#fromEnvironment}), {@code MLFLOW_HTTP_REQUEST_TIMEOUT}
   * (seconds), {@code MLFLOW_HTTP_REQUEST_MAX_RETRIES} and {@code MLFLOW_ENABLE_ASYNC_LOGGING}.
   */
  ClientSettings(Map<String, String> env) {
    trackingUri = firstSet(env.get("TRACKLINE_TRACKING_URI"), env.get("MLFLOW_TRACKING_URI"));
    credentials = Credentials.fromEnvironment(env);
    String timeout = blankToNull(env.get("MLFLOW_HTTP_REQUEST_TIMEOUT"));
    if (timeout != null) {
      requestTimeout = positiveSeconds("MLFLOW_HTTP_REQUEST_TIMEOUT", timeout);
    }
    String retries = blankToNull(env.get("MLFLOW_HTTP_REQUEST_MAX_RETRIES"));
    if (retries != null) {
      maxRetries = nonNegative("MLFLOW_HTTP_REQUEST_MAX_RETRIES", retries);
    }
    String async = blankToNull(env.get("MLFLOW_ENABLE_ASYNC_LOGGING"));
    asyncLogging = async != null && (async.trim().equalsIgnoreCase("true") || async.trim().equals("1"));
  }

  abstract TracklineClient.Builder self();

  /** The server's base URI, {@code http://host:port} (a path prefix is allowed). */
  public TracklineClient.Builder trackingUri(String trackingUri) {
    this.trackingUri = trackingUri;
    return self();
  }

  /** Authenticate with {@code Authorization: Bearer <token>}. */
  public TracklineClient.Builder token(String token) {
    this.credentials = Credentials.bearer(token);
    return self();
  }

  /** Send no credentials, whatever the environment says. */
  public TracklineClient.Builder noAuth() {
    this.credentials = Credentials.none();
    return self();
  }

  /** Authenticate with HTTP basic auth. */
  public TracklineClient.Builder basicAuth(String username, String password) {
    this.credentials = Credentials.basic(username, password);
    return self();
  }

  /**
   * The {@code user_id} sent with model registry changes (default: the OS user). A server that
   * authenticates requests records the authenticated user instead.
   */
  public TracklineClient.Builder userId(String userId) {
    this.userId = userId;
    return self();
  }

  /** How long to wait for a connection (default 10 s). */
  public TracklineClient.Builder connectTimeout(Duration timeout) {
    this.connectTimeout = requirePositive(timeout, "connectTimeout");
    return self();
  }

  /** How long to wait for each answer (default 120 s). */
  public TracklineClient.Builder requestTimeout(Duration timeout) {
    this.requestTimeout = requirePositive(timeout, "requestTimeout");
    return self();
  }

  /** Retries after connection errors, 429 and 503 (default 5; 0 turns retrying off). */
  public TracklineClient.Builder maxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0");
    }
    this.maxRetries = maxRetries;
    return self();
  }

  /** The first wait between retries, doubled each time up to {@code max} (0.5 s, 16 s). */
  public TracklineClient.Builder backoff(Duration initial, Duration max) {
    this.initialBackoff = requirePositive(initial, "initial backoff");
    this.maxBackoff = requirePositive(max, "max backoff");
    return self();
  }

  /** The longest {@code Retry-After} the client waits for (default 60 s). */
  public TracklineClient.Builder maxRetryAfter(Duration max) {
    this.maxRetryAfter = requirePositive(max, "maxRetryAfter");
    return self();
  }

  /**
   * Asynchronous logging (default off, on with {@code MLFLOW_ENABLE_ASYNC_LOGGING=true}): {@code
   * logMetric}, {@code logParam}, {@code setTag} and {@code logBatch} queue their values and
   * return at once; a worker thread sends them as log-batch requests. See {@link
   * TracklineClient#flush()}.
   */
  public TracklineClient.Builder asyncLogging(boolean on) {
    this.asyncLogging = on;
    return self();
  }

  /**
   * How many values asynchronous logging queues before a logging call waits for the worker
   * (default 10000).
   */
  public TracklineClient.Builder asyncQueueCapacity(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("asyncQueueCapacity must be >= 1");
    }
    this.asyncQueueCapacity = capacity;
    return self();
  }

  /**
   * How long the worker of asynchronous logging waits for more values before it sends a request
   * that is not full (default 100 ms).
   */
  public TracklineClient.Builder asyncBatchWindow(Duration window) {
    this.asyncBatchWindow = requirePositive(window, "asyncBatchWindow");
    return self();
  }

  /** The page size used when fetching a whole metric history (tests use small pages). */
  TracklineClient.Builder historyPageSize(int pageSize) {
    this.historyPageSize = pageSize;
    return self();
  }

  /** The page size used when fetching the whole registry history (tests use small pages). */
  TracklineClient.Builder registryHistoryPageSize(int pageSize) {
    this.registryHistoryPageSize = pageSize;
    return self();
  }

  /** The {@code Authorization} header the client will send, or null. */
  String authorizationHeader() {
    return credentials.authorization().orElse(null);
  }

  /** The retries these settings ask for. */
  RetryPolicy retryPolicy() {
    return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, maxRetryAfter);
  }

  /**
   * The tracking URI without trailing slashes; a {@link TracklineException} ({@code
   * INVALID_CONFIGURATION}) unless it is {@code http(s)://host[:port][/path]}.
   */
  String validTrackingUri() {
    if (trackingUri == null || trackingUri.isBlank()) {
      throw invalid("no tracking URI: set TRACKLINE_TRACKING_URI or MLFLOW_TRACKING_URI, or pass one", null);
    }
    return validHttpUri(trackingUri, "tracking URI");
  }

  /**
   * {@code given} (the {@code what} of a client) without trailing slashes; a {@link
   * TracklineException} ({@code INVALID_CONFIGURATION}) unless it is {@code
   * http(s)://host[:port][/path]}.
   */
  static String validHttpUri(String given, String what) {
    String uri = given.trim().replaceAll("/+$", "");
    URI parsed;
    try {
      parsed = URI.create(uri);
    } catch (IllegalArgumentException e) {
      throw invalid("bad " + what + ": " + uri, e);
    }
    String scheme = parsed.getScheme();
    if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || parsed.getHost() == null) {
      throw invalid("the " + what + " must be http(s)://host[:port][/path], got: " + uri, null);
    }
    return uri;
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String firstSet(String a, String b) {
    return blankToNull(a) != null ? a.trim() : blankToNull(b);
  }

  private static Duration positiveSeconds(String name, String value) {
    long seconds = nonNegative(name, value);
    if (seconds == 0) {
      throw invalid(name + " must be positive", null);
    }
    return Duration.ofSeconds(seconds);
  }

  private static int nonNegative(String name, String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw invalid(name + " must be a whole number >= 0, got: " + value, null);
  }

  static Duration requirePositive(Duration d, String what) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive");
    }
    return d;
  }

  static TracklineException invalid(String message, Throwable cause) {
    return new TracklineException(TracklineException.INVALID_CONFIGURATION, 0, message, cause);
  }
}
