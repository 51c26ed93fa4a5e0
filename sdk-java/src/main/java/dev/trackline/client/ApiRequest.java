package dev.trackline.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One request of an operation, filled in by a generated API method and sent by one of {@link
 * #receive}, {@link #receiveFile()} or {@link #send()}, which throw a {@link TracklineException}
 * when the answer is not a success.
 *
 * <p>Bodies stream: a file body is read from disk as it is sent (again on a retry), and {@link
 * #receiveFile()} writes the answer to disk as it arrives. JSON is read as UTF-8 whatever the
 * JVM's default charset.
 */
public final class ApiRequest {
  private final Transport transport;
  private final String operationId;
  private final String method;
  private String path;
  private final StringJoiner query = new StringJoiner("&");
  private final Map<String, String> headers = new LinkedHashMap<>();
  private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

  ApiRequest(Transport transport, String operationId, String method, String pathTemplate) {
    this.transport = transport;
    this.operationId = operationId;
    this.method = method;
    this.path = pathTemplate;
  }

  /** Refuses to send the request when a required parameter is null ({@code INVALID_PARAMETER_VALUE}). */
  public ApiRequest require(String name, Object value) {
    if (value == null) {
      throw new TracklineException(
          "INVALID_PARAMETER_VALUE", 0, "missing the required parameter " + name + " of " + operationId);
    }
    return this;
  }

  /** Puts {@code value} in place of {@code {name}} in the path, as one segment. */
  public ApiRequest pathParam(String name, Object value) {
    path = path.replace("{" + name + "}", encode(String.valueOf(value)));
    return this;
  }

  /** Puts {@code value} in place of {@code {name}} in the path, its slashes kept as separators. */
  public ApiRequest pathSegments(String name, Object value) {
    StringJoiner segments = new StringJoiner("/");
    for (String segment : String.valueOf(value).split("/", -1)) {
      segments.add(encode(segment));
    }
    path = path.replace("{" + name + "}", segments.toString());
    return this;
  }

  /** Adds a query parameter; a collection adds the key once per element; null adds nothing. */
  public ApiRequest query(String name, Object value) {
    if (value instanceof Iterable) {
      for (Object element : (Iterable<?>) value) {
        query(name, element);
      }
    } else if (value != null) {
      query.add(encode(name) + "=" + encode(String.valueOf(value)));
    }
    return this;
  }

  /** Sets a header; null sets nothing. */
  public ApiRequest header(String name, Object value) {
    if (value != null) {
      headers.put(name, String.valueOf(value));
    }
    return this;
  }

  /** Sends {@code value} as JSON. */
  public ApiRequest jsonBody(String contentType, Object value) {
    try {
      body = HttpRequest.BodyPublishers.ofByteArray(transport.mapper().writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new TracklineException(
          "INVALID_PARAMETER_VALUE", 0, operationId + ": cannot write the body as JSON: " + e.getOriginalMessage(), e);
    }
    return header("Content-Type", contentType);
  }

  /** Sends the content of {@code file}, streamed from disk. */
  public ApiRequest fileBody(String contentType, File file) {
    if (!file.isFile()) {
      throw new TracklineException("INVALID_PARAMETER_VALUE", 0, "not a file: " + file);
    }
    try {
      body = HttpRequest.BodyPublishers.ofFile(file.toPath());
    } catch (FileNotFoundException e) {
      throw new TracklineException("INVALID_PARAMETER_VALUE", 0, "cannot read " + file + ": " + e.getMessage(), e);
    }
    return header("Content-Type", contentType);
  }

  /** The media types the answer may have ({@code Accept}). */
  public ApiRequest accept(String mediaTypes) {
    return header("Accept", mediaTypes);
  }

  /**
   * Sends the request and reads the answer: JSON as {@code type} (null for an empty body), or,
   * when {@code type} is {@code String} and the answer is not JSON, its text.
   */
  public <T> T receive(TypeReference<T> type) {
    HttpResponse<byte[]> response = exchange(HttpResponse.BodyHandlers.ofByteArray());
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    if (type.getType() == String.class && !isJson(contentType)) {
      @SuppressWarnings("unchecked")
      T text = (T) new String(response.body(), charset(contentType));
      return text;
    }
    if (isBlank(response.body())) {
      return null;
    }
    try {
      return transport.mapper().readValue(response.body(), type);
    } catch (IOException e) {
      throw new TracklineException(TracklineException.INVALID_RESPONSE, 0, operationId + ": " + e.getMessage(), e);
    }
  }

  /** Sends the request and writes the answer into a new temporary file, which the caller owns. */
  public File receiveFile() {
    Path file;
    try {
      file = Files.createTempFile("trackline-", ".download");
    } catch (IOException e) {
      throw new TracklineException("INTERNAL_ERROR", 0, "cannot create a temporary file: " + e, e);
    }
    boolean received = false;
    try {
      exchange(HttpResponse.BodyHandlers.ofFile(
          file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
      received = true;
      return file.toFile();
    } finally {
      if (!received) {
        file.toFile().delete();
      }
    }
  }

  /** Sends the request; the answer's body, if any, is not needed. */
  public void send() {
    exchange(HttpResponse.BodyHandlers.discarding());
  }

  /**
   * Sends the request; a success is handled by {@code onSuccess}, any other answer is read and
   * thrown as a {@link TracklineException}.
   */
  private <T> HttpResponse<T> exchange(HttpResponse.BodyHandler<T> onSuccess) {
    AtomicReference<byte[]> errorBody = new AtomicReference<>();
    HttpResponse.BodyHandler<T> handler =
        info -> isSuccess(info.statusCode())
            ? onSuccess.apply(info)
            : HttpResponse.BodySubscribers.mapping(
                HttpResponse.BodySubscribers.ofByteArray(),
                bytes -> {
                  errorBody.set(bytes);
                  return null;
                });
    HttpRequest.Builder request = transport.newRequest(query.length() == 0 ? path : path + "?" + query);
    headers.forEach(request::header);
    HttpResponse<T> response;
    try {
      response = transport.send(request.method(method, body).build(), handler);
    } catch (IOException e) {
      throw new TracklineException(TracklineException.CONNECTION_ERROR, 0, operationId + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TracklineException(TracklineException.CONNECTION_ERROR, 0, operationId + " interrupted", e);
    }
    if (!isSuccess(response.statusCode())) {
      throw TracklineException.fromAnswer(
          response.statusCode(), new String(errorBody.get(), StandardCharsets.UTF_8));
    }
    return response;
  }

  private static boolean isSuccess(int status) {
    return status / 100 == 2;
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isJson(String contentType) {
    String type = contentType.split(";", 2)[0].trim().toLowerCase();
    return type.equals("application/json") || type.endsWith("+json");
  }

  private static Charset charset(String contentType) {
    for (String part : contentType.split(";")) {
      String[] pair = part.trim().split("=", 2);
      if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
        try {
          return Charset.forName(pair[1].trim().replace("\"", ""));
        } catch (RuntimeException unknown) {
          break;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  /** Percent-encodes one path segment or query part ({@code %20} for a space). */
  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
