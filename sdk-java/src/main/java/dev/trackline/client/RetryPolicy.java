package dev.trackline.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a request is sent again, and after how long: after a connection error (refused, connect
 * timeout, the connection closed before any answer) and after HTTP 429 and 503, with exponential
 * backoff and jitter, honouring {@code Retry-After}. Nothing else is retried: not other statuses,
 * not a request that timed out waiting for its answer.
 */
final class RetryPolicy {
  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;

  RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
    this.maxRetries = maxRetries;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.maxRetryAfter = maxRetryAfter;
  }

  /** Whether attempt number {@code attempt} (0 for the first) failing with {@code e} is retried. */
  boolean retries(IOException e, int attempt) {
    return attempt < maxRetries && isConnectionError(e);
  }

  /** Whether attempt number {@code attempt} answered with {@code status} is retried. */
  boolean retries(int status, int attempt) {
    return attempt < maxRetries && (status == 429 || status == 503);
  }

  /** How long to wait before sending attempt {@code attempt + 1} after an answer with these headers. */
  Duration waitAfter(HttpHeaders headers, int attempt) {
    return retryAfter(headers).orElse(backoff(attempt));
  }

  /** Errors where the request got no answer and can be sent again. */
  static boolean isConnectionError(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof EOFException) {
        return true;
      }
      String message = t.getMessage();
      if (message != null && message.contains("received no bytes")) {
        return true;
      }
    }
    return false;
  }

  /** The wait after attempt {@code attempt}: doubled each time up to the maximum, plus up to 25%. */
  Duration backoff(int attempt) {
    long base = initialBackoff.toMillis() << Math.min(attempt, 20);
    long capped = Math.min(base, maxBackoff.toMillis());
    long jitter = capped > 3 ? ThreadLocalRandom.current().nextLong(capped / 4 + 1) : 0;
    return Duration.ofMillis(capped + jitter);
  }

  /** The server's {@code Retry-After} (seconds or an HTTP date), at most {@code maxRetryAfter}. */
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
        wait = wait.isNegative() ? Duration.ZERO : wait;
      } catch (RuntimeException notADate) {
        return Optional.empty();
      }
    }
    return Optional.of(wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait);
  }
}
