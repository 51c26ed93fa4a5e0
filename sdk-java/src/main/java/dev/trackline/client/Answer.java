package dev.trackline.client;

import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * A successful answer: its body, read as the request asked ({@link ApiRequest#receiveAnswer}),
 * and its headers.
 *
 * @param <T> the type the body was read as
 */
public final class Answer<T> {
  private final T body;
  private final HttpHeaders headers;

  Answer(T body, HttpHeaders headers) {
    this.body = body;
    this.headers = headers;
  }

  /** The body (null when it was empty). */
  public T getBody() {
    return body;
  }

  /** The first value of header {@code name} (names are not case-sensitive). */
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }
}
