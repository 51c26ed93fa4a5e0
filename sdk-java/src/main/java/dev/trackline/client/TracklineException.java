package dev.trackline.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The one exception the client throws.
 *
 * <p>It carries the server's {@code error_code} (for example {@code RESOURCE_DOES_NOT_EXIST}),
 * the HTTP status and the server's message. Failures that never got an HTTP answer have status
 * {@code 0} and one of the client-side codes below.
 */
public class TracklineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** No answer from the server: connection refused, timed out or lost. */
  public static final String CONNECTION_ERROR = "CONNECTION_ERROR";
  /** The server answered with something that is not the expected JSON. */
  public static final String INVALID_RESPONSE = "INVALID_RESPONSE";
  /** The client is configured wrongly (for example no or a bad tracking URI). */
  public static final String INVALID_CONFIGURATION = "INVALID_CONFIGURATION";

  private final String errorCode;
  private final int httpStatus;
  private final String serverMessage;

  public TracklineException(String errorCode, int httpStatus, String message) {
    this(errorCode, httpStatus, message, null);
  }

  public TracklineException(String errorCode, int httpStatus, String message, Throwable cause) {
    super(format(errorCode, httpStatus, message), cause);
    this.errorCode = errorCode;
    this.httpStatus = httpStatus;
    this.serverMessage = message;
  }

  private static String format(String errorCode, int httpStatus, String message) {
    StringBuilder sb = new StringBuilder(errorCode);
    if (httpStatus > 0) {
      sb.append(" (HTTP ").append(httpStatus).append(')');
    }
    if (message != null && !message.isEmpty()) {
      sb.append(": ").append(message);
    }
    return sb.toString();
  }

  /** The error code, e.g. {@code INVALID_PARAMETER_VALUE}. */
  public String getErrorCode() {
    return errorCode;
  }

  /** The HTTP status of the answer, or 0 when there was none. */
  public int getHttpStatus() {
    return httpStatus;
  }

  /** Same as {@link #getHttpStatus()}, under the name MLflow's {@code MlflowHttpException} uses. */
  public int getStatusCode() {
    return httpStatus;
  }

  /** The message as the server (or the client, for client-side errors) wrote it. */
  public String getServerMessage() {
    return serverMessage;
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * The exception for an answer with an error status: the code and message of its JSON error
   * body ({@code {"error_code", "message"}}), or a code for the status and the start of the body
   * when it is not one.
   */
  static TracklineException fromAnswer(int status, String body) {
    String code = null;
    String message = null;
    if (body != null && !body.isBlank()) {
      try {
        JsonNode node = MAPPER.readTree(body);
        if (node != null && node.isObject()) {
          code = node.path("error_code").isTextual() ? node.get("error_code").asText() : null;
          message = node.path("message").isTextual() ? node.get("message").asText() : null;
        }
      } catch (IOException notJson) {
        message = body.length() > 500 ? body.substring(0, 500) + "..." : body;
      }
    }
    return new TracklineException(code != null ? code : codeForStatus(status), status, message);
  }

  /** The error code MLflow uses for an HTTP status, for answers without a JSON error body. */
  static String codeForStatus(int status) {
    switch (status) {
      case 400:
        return "BAD_REQUEST";
      case 401:
        return "UNAUTHENTICATED";
      case 403:
        return "PERMISSION_DENIED";
      case 404:
        return "ENDPOINT_NOT_FOUND";
      case 405:
        return "BAD_REQUEST";
      case 409:
        return "RESOURCE_ALREADY_EXISTS";
      case 429:
        return "REQUEST_LIMIT_EXCEEDED";
      case 501:
        return "NOT_IMPLEMENTED";
      case 503:
        return "TEMPORARILY_UNAVAILABLE";
      default:
        return status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
    }
  }
}
