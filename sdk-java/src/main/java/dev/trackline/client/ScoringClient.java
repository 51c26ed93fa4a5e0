package dev.trackline.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.trackline.client.scoring.api.ScoringApi;
import dev.trackline.client.scoring.model.InvocationRequest;
import dev.trackline.client.scoring.model.Predictions;
import dev.trackline.client.scoring.model.ServedModel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A client for a scoring server ({@code trackline models serve}), whose protocol is {@code
 * scoring.yaml}: MLflow's {@code /ping} and {@code /invocations} (which MLflow's {@code mlflow
 * models serve} answers too) and Trackline's routes for several served models.
 *
 * <pre>{@code
 * ScoringClient scoring = new ScoringClient("http://127.0.0.1:5001");
 * scoring.waitReady(Duration.ofSeconds(60));
 * ScoringResponse answer = scoring.invoke(new InvocationRequest()
 *     .dataframeSplit(new DataframeSplit().columns(List.of("age", "visits")).data(List.of(List.of(31, 4)))));
 * answer.getPredictions();   // [0.82]
 * answer.getModelVersion();  // Optional[3]: the registered version that answered
 * }</pre>
 *
 * <p>The request and answer classes ({@code dev.trackline.client.scoring.model}) and {@link
 * ScoringApi}, a method per operation of the spec, are generated from {@code scoring.yaml} at
 * build time. This class adds what a generated method cannot: the headers that name the served
 * model, bodies sent as they are (CSV, or JSON in any shape), and waiting for the server.
 * Errors are {@link TracklineException}s with the server's error code and HTTP status.
 * Instances are thread-safe.
 */
public final class ScoringClient {
  /** The request header that picks a served model, and the answer header naming the one that answered. */
  public static final String MODEL_HEADER = "X-Trackline-Model";
  /** The answer header with the version of the served model that answered. */
  public static final String VERSION_HEADER = "X-Trackline-Model-Version";

  private static final String INVOCATIONS = "/invocations";
  private static final String MODEL_INVOCATIONS = "/models/{name}/invocations";
  private static final Duration POLL = Duration.ofMillis(100);

  private final Transport transport;
  private final ScoringApi api;

  /** A client for the scoring server at {@code uri} ({@code http://127.0.0.1:5001}), default settings. */
  public ScoringClient(String uri) {
    this(builder().uri(uri));
  }

  private ScoringClient(Builder b) {
    if (b.uri == null || b.uri.isBlank()) {
      throw ClientSettings.invalid("no scoring server URI: pass one", null);
    }
    this.transport = new Transport(ClientSettings.validHttpUri(b.uri, "scoring server URI"), b.connectTimeout,
        b.requestTimeout, new RetryPolicy(b.maxRetries, b.initialBackoff, b.maxBackoff, b.maxRetryAfter),
        b.credentials);
    this.api = new ScoringApi(transport);
  }

  /** A builder with the default settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** The scoring server's base URI. */
  public String getUri() {
    return transport.getBaseUri();
  }

  /** The configured HTTP layer (timeouts, retries, auth). */
  public Transport getTransport() {
    return transport;
  }

  /** The generated operations of {@code scoring.yaml}, on this client's HTTP layer. */
  public ScoringApi getApi() {
    return api;
  }

  /** {@code GET /ping}: answers when every served model has loaded. */
  public String ping() {
    return api.scoringPing();
  }

  /** Whether {@code /ping} answers 200 now (asked once, without retries). */
  public boolean isReady() {
    try {
      new ScoringApi(transport.withoutRetries()).scoringPing();
      return true;
    } catch (TracklineException notYet) {
      return false;
    }
  }

  /** Waits until {@link #isReady()}; a {@link TracklineException} after {@code timeout}. */
  public void waitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!isReady()) {
      if (System.nanoTime() - deadline > 0) {
        throw new TracklineException(TracklineException.CONNECTION_ERROR, 0,
            "the scoring server at " + getUri() + " was not ready after " + timeout.toSeconds() + " s");
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TracklineException(TracklineException.CONNECTION_ERROR, 0, "interrupted while waiting", e);
      }
    }
  }

  /** The server's version ({@code GET /version}). */
  public String version() {
    return api.scoringVersion().trim();
  }

  /** The server's API description ({@code GET /openapi.yaml}: Trackline's scoring.yaml). */
  public String spec() {
    return api.getScoringSpec();
  }

  /** The served models with their versions and weights ({@code GET /models}). */
  public List<ServedModel> listModels() {
    return api.listServedModels().getModels();
  }

  /** Predictions for {@code request} from the server's choice of model. */
  public ScoringResponse invoke(InvocationRequest request) {
    return invoke(request, null);
  }

  /** Predictions for {@code request} from the served model called {@code model} (null: the server's choice). */
  public ScoringResponse invoke(InvocationRequest request, String model) {
    return read(invocation(model).require("body", request).jsonBody("application/json", request));
  }

  /**
   * Predictions for {@code body} sent as it is with {@code contentType} ({@code text/csv}, or
   * {@code application/json} in any of the protocol's shapes; null sends no {@code Content-Type}),
   * from the served model called {@code model} (null: the server's choice).
   */
  public ScoringResponse invokeRaw(String body, String contentType, String model) {
    return invokeRaw(body.getBytes(StandardCharsets.UTF_8), contentType, model);
  }

  /** {@link #invokeRaw(String, String, String)} for a body of bytes (such as a parquet file). */
  public ScoringResponse invokeRaw(byte[] body, String contentType, String model) {
    return read(invocation(model).bytesBody(contentType, body));
  }

  private ApiRequest invocation(String model) {
    if (model == null) {
      return transport.request("invocations", "POST", INVOCATIONS);
    }
    return transport.request("modelInvocations", "POST", MODEL_INVOCATIONS).pathParam("name", model);
  }

  private static ScoringResponse read(ApiRequest request) {
    Answer<Predictions> answer = request.accept("application/json").receiveAnswer(new TypeReference<>() {});
    Predictions body = answer.getBody();
    return new ScoringResponse(body == null ? null : body.getPredictions(),
        answer.header(MODEL_HEADER).orElse(null), answer.header(VERSION_HEADER).orElse(null));
  }

  /** Settings of a {@link ScoringClient}. */
  public static final class Builder {
    private String uri;
    private Credentials credentials = Credentials.none();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private int maxRetries = 5;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(16);
    private final Duration maxRetryAfter = Duration.ofSeconds(60);

    private Builder() {}

    /** The server's base URI, {@code http://host:port} (a path prefix is allowed). */
    public Builder uri(String uri) {
      this.uri = uri;
      return this;
    }

    /** Send {@code Authorization: Bearer <token>} (for a server behind an authenticating proxy). */
    public Builder token(String token) {
      this.credentials = Credentials.bearer(token);
      return this;
    }

    /** Send HTTP basic auth. */
    public Builder basicAuth(String username, String password) {
      this.credentials = Credentials.basic(username, password);
      return this;
    }

    /** How long to wait for a connection (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = ClientSettings.requirePositive(timeout, "connectTimeout");
      return this;
    }

    /** How long to wait for each answer (default 60 s, the server's own default limit). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = ClientSettings.requirePositive(timeout, "requestTimeout");
      return this;
    }

    /** Retries after connection errors, 429 and 503 (default 5; 0 turns retrying off). */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must be >= 0");
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /** The first wait between retries, doubled each time up to {@code max} (0.5 s, 16 s). */
    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = ClientSettings.requirePositive(initial, "initial backoff");
      this.maxBackoff = ClientSettings.requirePositive(max, "max backoff");
      return this;
    }

    public ScoringClient build() {
      return new ScoringClient(this);
    }
  }
}
