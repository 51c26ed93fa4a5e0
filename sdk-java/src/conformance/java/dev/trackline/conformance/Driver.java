package dev.trackline.conformance;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trackline.client.ApiRequest;
import dev.trackline.client.Operation;
import dev.trackline.client.Page;
import dev.trackline.client.ScoringClient;
import dev.trackline.client.ScoringResponse;
import dev.trackline.client.TracklineClient;
import dev.trackline.client.TracklineException;
import dev.trackline.client.Transport;
import dev.trackline.client.model.Metric;
import dev.trackline.client.model.Param;
import dev.trackline.client.model.Run;
import dev.trackline.client.model.RunTag;
import dev.trackline.client.model.ViewType;
import dev.trackline.client.scoring.model.InvocationRequest;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The conformance suite's driver for the Java SDK: JSON lines in, one JSON line out per line.
 *
 * <p>An operationId goes to the generated API method annotated with that {@link Operation}, its
 * arguments matched by name (a JSON body is the one request-model argument, a raw body the one
 * {@code File} argument, whose content is {@code args.body}); an {@code hl.*} op goes to {@link
 * TracklineClient} ({@code hl.logMetricsAsync} to one with asynchronous logging on). Cases also
 * send what typed models cannot hold (a string where the spec says integer, a missing required
 * field, an unknown field): those arguments are put on the wire as given, through the SDK's
 * {@link Transport}, with the method and path of the operation's {@link Operation} binding, and
 * the answer is read into the method's return type.
 *
 * <p>The scoring server's operations ({@code scoring.yaml}) go to the {@link ScoringClient} at
 * {@code $TRACKLINE_SCORING_URI}: an invocation with {@code args.body} through {@link
 * ScoringClient#invoke} when the generated {@link InvocationRequest} holds the body exactly, else
 * (and for {@code args.text}) through {@link ScoringClient#invokeRaw}; the others through the
 * generated {@code ScoringApi} like the tracking operations.
 */
public final class Driver {
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

  private static final Set<String> INVOCATIONS = Set.of("invocations", "modelInvocations");

  private final TracklineClient client;
  private final ScoringClient scoring;
  private final Transport transport;
  private final ObjectMapper mapper;
  private final Map<String, Method> operations = new HashMap<>();
  private final Map<Class<?>, Object> apis = new HashMap<>();
  private TracklineClient asyncClient;
  /** Drivers sending a request's own credentials ({@code auth}), by those credentials. */
  private final Map<String, Driver> asUsers = new HashMap<>();

  public Driver(TracklineClient client) throws Exception {
    this(client, null);
  }

  /** A driver that also calls the scoring server of {@code scoring} (null: none). */
  public Driver(TracklineClient client, ScoringClient scoring) throws Exception {
    this.client = client;
    this.scoring = scoring;
    this.transport = client.getTransport();
    this.mapper = transport.copyObjectMapper().enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    for (Class<?> apiClass : apiClasses()) {
      bind(apiClass.getConstructor(Transport.class).newInstance(transport));
    }
    if (scoring != null) {
      bind(scoring.getApi());
    }
  }

  /** Sends the operations of a generated API object's methods to it. */
  private void bind(Object api) {
    apis.put(api.getClass(), api);
    for (Method m : api.getClass().getDeclaredMethods()) {
      Operation binding = m.getAnnotation(Operation.class);
      if (binding != null) {
        operations.put(binding.id(), m);
      }
    }
  }

  /** Every generated {@code *Api} class, found next to the SDK's classes. */
  private static List<Class<?>> apiClasses() throws Exception {
    String dir = "dev/trackline/client/api/";
    Path location = Paths.get(Transport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.list(location.resolve(dir))) {
        files.forEach(f -> names.add(dir + f.getFileName()));
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        jar.stream().forEach(e -> names.add(e.getName()));
      }
    }
    List<Class<?>> classes = new ArrayList<>();
    for (String name : names) {
      if (name.startsWith(dir) && name.endsWith("Api.class") && name.indexOf('/', dir.length()) < 0) {
        classes.add(Class.forName(name.replace('/', '.').replace(".class", "")));
      }
    }
    return classes;
  }

  public static void main(String[] args) throws Exception {
    String scoringUri = System.getenv("TRACKLINE_SCORING_URI");
    ScoringClient scoring = scoringUri == null || scoringUri.isBlank() ? null : new ScoringClient(scoringUri);
    new Driver(new TracklineClient(), scoring).run(System.in, System.out);
  }

  /** Answers every line of {@code in} on {@code out}. */
  public void run(InputStream in, OutputStream out) throws Exception {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    PrintStream writer = new PrintStream(out, false, StandardCharsets.UTF_8.name());
    for (String line; (line = reader.readLine()) != null; ) {
      if (!line.isBlank()) {
        writer.println(mapper.writeValueAsString(answer(line)));
        writer.flush();
      }
    }
  }

  /**
   * The driver for a request's {@code auth}: a client sending that username and password (basic
   * auth), that token (bearer), or nothing ({@code {}}), instead of the environment's credentials.
   */
  private Driver as(JsonNode auth) throws Exception {
    String key = auth.toString();
    Driver driver = asUsers.get(key);
    if (driver == null) {
      String username = auth.path("username").asText("");
      String password = auth.path("password").asText("");
      String token = auth.path("token").asText("");
      TracklineClient.Builder builder = TracklineClient.builder().trackingUri(client.getTrackingUri());
      if (!username.isEmpty() && !password.isEmpty()) {
        builder.basicAuth(username, password);
      } else if (!token.isEmpty()) {
        builder.token(token);
      } else {
        builder.noAuth();
      }
      driver = new Driver(builder.build(), scoring);
      asUsers.put(key, driver);
    }
    return driver;
  }

  /** The answer to one request line. */
  public ObjectNode answer(String line) {
    ObjectNode reply = mapper.createObjectNode();
    try {
      JsonNode request = mapper.readTree(line);
      JsonNode auth = request.get("auth");
      if (auth != null && auth.isObject()) {
        ObjectNode rest = ((ObjectNode) request).deepCopy();
        rest.remove("auth");
        return as(auth).answer(mapper.writeValueAsString(rest));
      }
      String op = request.path("op").asText();
      JsonNode args = request.path("args").isObject() ? request.get("args") : mapper.createObjectNode();
      Object result = op.startsWith("hl.") ? highLevel(op, args)
          : INVOCATIONS.contains(op) ? invocation(op, args) : operation(op, args);
      if (result == null) {
        result = mapper.createObjectNode(); // an operation with an empty answer, generated as void
      }
      if (result instanceof Skip) {
        reply.put("skipped", ((Skip) result).reason);
      } else {
        reply.set("ok", mapper.valueToTree(result));
      }
    } catch (TracklineException e) {
      ObjectNode error = reply.putObject("error");
      error.put("error_code", e.getErrorCode()).put("http_status", e.getHttpStatus()).put("message", e.getServerMessage());
    } catch (Exception | LinkageError e) {
      System.err.println("driver: " + line + " -> " + e);
      reply.putObject("error").put("error_code", "DRIVER_ERROR").put("http_status", 0).put("message", String.valueOf(e));
    }
    return reply;
  }

  private Object operation(String op, JsonNode args) throws Exception {
    Method method = operations.get(op);
    if (method == null) {
      return new Skip("the generated client has no operation " + op);
    }
    Parameter[] params = method.getParameters();
    int body = -1;
    int file = -1;
    Set<String> simple = new HashSet<>();
    for (int i = 0; i < params.length; i++) {
      Class<?> type = params[i].getType();
      if (type == File.class) {
        file = i;
      } else if (type.getPackageName().endsWith(".model") && !type.isEnum()) {
        body = i;
      } else {
        simple.add(snakeCase(params[i].getName()));
      }
    }
    ObjectNode bodyArgs = args.deepCopy();
    if (body >= 0) {
      // A path parameter may also be a body field (model_id of the logged-model operations).
      Set<String> bodyFields = new HashSet<>();
      mapper.getSerializationConfig().introspect(mapper.constructType(params[body].getType()))
          .findProperties().forEach(property -> bodyFields.add(property.getName()));
      simple.stream().filter(name -> !bodyFields.contains(name)).forEach(bodyArgs::remove);
    }
    Path fileBody = file < 0 ? null : Files.createTempFile("trackline-driver", ".bin");
    try {
      if (fileBody != null) {
        Files.write(fileBody, args.path("body").asText("").getBytes(StandardCharsets.UTF_8));
      }
      Object[] values = new Object[params.length];
      boolean typed = true;
      for (int i = 0; i < params.length; i++) {
        JsonNode given = i == body ? bodyArgs : args.get(snakeCase(params[i].getName()));
        if (i == file) {
          values[i] = fileBody.toFile();
        } else if (given != null && !given.isNull()) {
          try {
            values[i] = mapper.convertValue(given, mapper.constructType(params[i].getParameterizedType()));
            typed &= sameOnWire(given, values[i]);
          } catch (IllegalArgumentException e) {
            typed = false;
          }
        }
        typed &= values[i] != null || !params[i].isAnnotationPresent(jakarta.annotation.Nonnull.class);
      }
      for (Iterator<String> it = args.fieldNames(); body < 0 && it.hasNext(); ) {
        String name = it.next();
        typed &= simple.contains(name) || file >= 0 && name.equals("body");
      }
      Object result = typed ? invoke(method, values)
          : sendAsGiven(method, args, simple, body >= 0 ? bodyArgs : null, fileBody);
      return result instanceof File ? readAndDelete((File) result) : result;
    } finally {
      if (fileBody != null) {
        Files.deleteIfExists(fileBody);
      }
    }
  }

  /** An invocation of the scoring server: {@code args.body} (JSON), or {@code args.text} with {@code args.content_type}. */
  private Object invocation(String op, JsonNode args) throws Exception {
    if (scoring == null) {
      return new Skip("no scoring server: TRACKLINE_SCORING_URI is not set");
    }
    String model = op.equals("modelInvocations") ? args.path("name").asText() : null;
    ScoringResponse answer;
    if (args.has("text")) {
      JsonNode type = args.path("content_type");
      answer = scoring.invokeRaw(args.get("text").asText(), type.isTextual() ? type.asText() : null, model);
    } else {
      JsonNode body = args.path("body");
      InvocationRequest typed = typedOrNull(body, InvocationRequest.class);
      answer = typed != null ? scoring.invoke(typed, model)
          : scoring.invokeRaw(mapper.writeValueAsString(body), "application/json", model);
    }
    ObjectNode result = mapper.createObjectNode();
    result.set("predictions", mapper.valueToTree(answer.getPredictions()));
    return result;
  }

  /** {@code given} as a {@code type}, when that goes on the wire exactly as given; else null. */
  private <T> T typedOrNull(JsonNode given, Class<T> type) throws Exception {
    try {
      T value = mapper.convertValue(given, type);
      return sameOnWire(given, value) ? value : null;
    } catch (IllegalArgumentException notThatType) {
      return null;
    }
  }

  private Object invoke(Method method, Object[] values) throws Exception {
    try {
      return method.invoke(apis.get(method.getDeclaringClass()), values);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
  }

  /**
   * Sends the case's arguments as given with the operation's method and path: path parameters
   * in the path (an absent one empty), JSON body fields in the body, the rest in the query.
   */
  private Object sendAsGiven(Method method, JsonNode args, Set<String> simple, JsonNode body, Path fileBody) {
    Operation binding = method.getAnnotation(Operation.class);
    ApiRequest request = transport.request(binding.id(), binding.method(), binding.path());
    Set<String> multiSegment = Set.of(binding.multiSegment());
    Set<String> inPath = new HashSet<>();
    for (Matcher m = PATH_PARAMETER.matcher(binding.path()); m.find(); ) {
      String name = m.group(1);
      inPath.add(name);
      String value = args.path(name).asText("");
      if (multiSegment.contains(name)) {
        request.pathSegments(name, value);
      } else {
        request.pathParam(name, value);
      }
    }
    args.fields().forEachRemaining(field -> {
      String key = field.getKey();
      boolean inBody = body != null && !simple.contains(key) || fileBody != null && key.equals("body");
      if (inPath.contains(key) || inBody) {
        return;
      }
      List<String> values = new ArrayList<>();
      for (JsonNode v : field.getValue().isArray() ? field.getValue() : List.of(field.getValue())) {
        if (!v.isNull()) {
          values.add(v.isValueNode() ? v.asText() : v.toString());
        }
      }
      request.query(key, values);
    });
    if (body != null) {
      request.jsonBody("application/json", body);
    } else if (fileBody != null) {
      request.fileBody("application/octet-stream", fileBody.toFile());
    }
    Type answer = method.getGenericReturnType();
    if (answer == void.class) {
      request.send();
      return null;
    } else if (answer == File.class) {
      return request.receiveFile();
    } else if (answer == String.class) {
      return request.receive(new TypeReference<String>() {});
    }
    JsonNode json = request.receive(new TypeReference<JsonNode>() {});
    return json == null ? null : mapper.convertValue(json, mapper.constructType(answer));
  }

  /** A downloaded file's content as text; the file is deleted. */
  private static String readAndDelete(File file) throws Exception {
    try {
      return new String(Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(file.toPath());
    }
  }

  /** Whether the typed value goes on the wire as the case's JSON (numbers compared by value). */
  private boolean sameOnWire(JsonNode given, Object value) throws Exception {
    JsonNode wire = mapper.readTree(mapper.writeValueAsString(value));
    return withoutNulls(given.deepCopy()).equals((a, b) -> a.isNumber() && b.isNumber()
        ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1, wire);
  }

  private Object highLevel(String op, JsonNode args) {
    String runId = args.path("run_id").asText(null);
    switch (op) {
      case "hl.logBatch":
        client.logBatch(runId, list(args, "metrics", Metric.class), list(args, "params", Param.class),
            list(args, "tags", RunTag.class));
        return mapper.createObjectNode();
      case "hl.logMetricsAsync":
        int count = args.path("count").asInt();
        TracklineClient queued = asyncClient();
        for (int i = 0; i < count; i++) {
          queued.logMetric(runId, args.path("key").asText(), i * 0.5, 1700000000000L + i, i);
        }
        queued.flush();
        return Map.of("count", count);
      case "hl.getMetricHistory":
        return Map.of("metrics", client.getMetricHistory(runId, args.path("metric_key").asText()));
      case "hl.searchAllRuns":
        Page<Run> page = client.searchRuns(list(args, "experiment_ids", String.class), args.path("filter").asText(null),
            args.has("run_view_type") ? mapper.convertValue(args.get("run_view_type"), ViewType.class) : ViewType.ACTIVE_ONLY,
            args.path("max_results").asInt(1000), list(args, "order_by", String.class));
        ArrayNode runs = mapper.createArrayNode();
        page.iterateAll().forEach(run -> runs.add(mapper.<JsonNode>valueToTree(run)));
        return Map.of("runs", runs);
      default:
        return new Skip("no high-level operation " + op);
    }
  }

  /** A client like the driver's, with asynchronous logging on (made when first needed). */
  private TracklineClient asyncClient() {
    if (asyncClient == null) {
      asyncClient = TracklineClient.builder().trackingUri(client.getTrackingUri()).asyncLogging(true).build();
    }
    return asyncClient;
  }

  private <T> List<T> list(JsonNode args, String field, Class<T> type) {
    JsonNode node = args.path(field);
    return node.isMissingNode() || node.isNull() ? List.of()
        : mapper.convertValue(node, mapper.getTypeFactory().constructCollectionType(List.class, type));
  }

  static String snakeCase(String camel) {
    return camel.replaceAll("([A-Z])", "_$1").toLowerCase();
  }

  /** Drops null fields: a null argument is the same as a missing one. */
  private static JsonNode withoutNulls(JsonNode node) {
    if (node.isObject()) {
      ((ObjectNode) node).properties().removeIf(e -> e.getValue().isNull());
    }
    node.forEach(Driver::withoutNulls);
    return node;
  }

  /** An answer of {"skipped": reason}. */
  private static final class Skip {
    final String reason;

    Skip(String reason) {
      this.reason = reason;
    }
  }
}
