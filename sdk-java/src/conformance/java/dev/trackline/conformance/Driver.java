package dev.trackline.conformance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trackline.client.Page;
import dev.trackline.client.TracklineClient;
import dev.trackline.client.TracklineException;
import dev.trackline.client.invoker.ApiClient;
import dev.trackline.client.invoker.ApiException;
import dev.trackline.client.model.Metric;
import dev.trackline.client.model.Param;
import dev.trackline.client.model.Run;
import dev.trackline.client.model.RunTag;
import dev.trackline.client.model.ViewType;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The conformance suite's driver for the Java SDK: JSON lines in, one JSON line out per line.
 *
 * <p>An operationId goes to the generated client's method of that name, its arguments matched
 * by name (a POST body is the one request-model argument); an {@code hl.*} op goes to {@link
 * TracklineClient}. Cases also send what typed models cannot hold (a string where the spec says
 * integer, a missing required field, an unknown field). Then the same generated method is called
 * with placeholder arguments and a request interceptor (a hook of the generated client) puts the
 * case's arguments on the wire as given; the answer is read by the generated code as usual.
 */
public final class Driver {
  private final TracklineClient client;
  private final ObjectMapper mapper;
  private final Map<String, Method> operations = new HashMap<>();
  private final Map<Class<?>, Object> apis = new HashMap<>();
  private Consumer<HttpRequest.Builder> asGiven;

  public Driver(TracklineClient client) throws Exception {
    this.client = client;
    ApiClient api = client.getApiClient();
    this.mapper = api.getObjectMapper().enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    Consumer<HttpRequest.Builder> configured = api.getRequestInterceptor();
    api.setRequestInterceptor(request -> {
      if (configured != null) {
        configured.accept(request);
      }
      if (asGiven != null) {
        asGiven.accept(request);
      }
    });
    for (Class<?> apiClass : apiClasses()) {
      Object o = apiClass.getConstructor(ApiClient.class).newInstance(api);
      apis.put(apiClass, o);
      for (Method m : o.getClass().getDeclaredMethods()) {
        Class<?>[] types = m.getParameterTypes();
        if (Modifier.isPublic(m.getModifiers()) && Arrays.asList(m.getExceptionTypes()).contains(ApiException.class)
            && !m.getName().endsWith("WithHttpInfo") && !m.getName().equals("downloadFileFromResponse")
            && (types.length == 0 || types[types.length - 1] != Map.class)) {
          operations.put(m.getName(), m);
        }
      }
    }
  }

  /** Every generated {@code *Api} class, found next to the generated {@code ApiClient}. */
  private static List<Class<?>> apiClasses() throws Exception {
    String dir = "dev/trackline/client/api/";
    Path location = Paths.get(ApiClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
    new Driver(new TracklineClient()).run(System.in, System.out);
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

  /** The answer to one request line. */
  public ObjectNode answer(String line) {
    ObjectNode reply = mapper.createObjectNode();
    try {
      JsonNode request = mapper.readTree(line);
      String op = request.path("op").asText();
      JsonNode args = request.path("args").isObject() ? request.get("args") : mapper.createObjectNode();
      Object result = op.startsWith("hl.") ? highLevel(op, args) : operation(op, args);
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
    Set<String> simple = new HashSet<>();
    Set<String> required = new HashSet<>();
    for (int i = 0; i < params.length; i++) {
      Class<?> type = params[i].getType();
      if (type == File.class) {
        return upload(op, args);
      } else if (type.getPackageName().endsWith(".model") && !type.isEnum()) {
        body = i;
      } else {
        simple.add(snakeCase(params[i].getName()));
        if (params[i].isAnnotationPresent(jakarta.annotation.Nonnull.class)) {
          required.add(snakeCase(params[i].getName()));
        }
      }
    }
    ObjectNode bodyArgs = args.deepCopy();
    if (body >= 0) {
      // A path parameter may also be a body field (model_id of the logged-model operations).
      Set<String> bodyFields = new HashSet<>();
      mapper.getSerializationConfig().introspect(mapper.constructType(params[body].getType()))
          .findProperties().forEach(property -> bodyFields.add(property.getName()));
      simple.stream().filter(name -> !bodyFields.contains(name)).forEach(bodyArgs::remove);
    } else {
      bodyArgs.removeAll();
    }
    Object[] values = new Object[params.length];
    boolean typed = true;
    for (int i = 0; i < params.length; i++) {
      JsonNode given = i == body ? bodyArgs : args.get(snakeCase(params[i].getName()));
      if (given != null && !given.isNull()) {
        try {
          values[i] = mapper.convertValue(given, mapper.constructType(params[i].getParameterizedType()));
          typed &= sameOnWire(given, values[i]);
        } catch (IllegalArgumentException e) {
          typed = false;
        }
      }
      if (values[i] == null && params[i].isAnnotationPresent(jakarta.annotation.Nonnull.class)) {
        values[i] = placeholder(params[i].getType());
        typed = false;
      }
    }
    if (body < 0) {
      for (Iterator<String> it = args.fieldNames(); it.hasNext(); ) {
        typed &= simple.contains(it.next());
      }
    }
    asGiven = typed ? null : asGiven(args, simple, required, body >= 0 ? bodyArgs : null);
    try {
      Object result = method.invoke(apis.get(method.getDeclaringClass()), values);
      if (result instanceof File) {
        File file = (File) result;
        String text = new String(Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8);
        Files.deleteIfExists(file.toPath());
        return text;
      }
      return result;
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof ApiException) {
        throw TracklineException.fromApiException((ApiException) e.getCause());
      }
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    } finally {
      asGiven = null;
    }
  }

  /**
   * Puts the case's arguments on the wire as given: the query string is rebuilt from them (path
   * parameters stay in the path the generated code built), the JSON body is replaced.
   */
  private Consumer<HttpRequest.Builder> asGiven(JsonNode args, Set<String> simple, Set<String> required,
      JsonNode body) throws Exception {
    String json = body == null ? null : mapper.writeValueAsString(body);
    return request -> {
      HttpRequest built = request.build();
      URI uri = built.uri();
      Set<String> inQuery = new HashSet<>();
      for (String pair : uri.getRawQuery() == null ? new String[0] : uri.getRawQuery().split("&")) {
        inQuery.add(URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8));
      }
      StringJoiner query = new StringJoiner("&");
      args.fields().forEachRemaining(field -> {
        String key = field.getKey();
        boolean pathParameter = required.contains(key) && !inQuery.contains(key);
        if (pathParameter || body != null && !simple.contains(key)) {
          return;
        }
        for (JsonNode v : field.getValue().isArray() ? field.getValue() : List.of(field.getValue())) {
          if (!v.isNull()) {
            query.add(ApiClient.urlEncode(key) + "=" + ApiClient.urlEncode(v.isValueNode() ? v.asText() : v.toString()));
          }
        }
      });
      String q = query.length() == 0 ? "" : "?" + query;
      request.uri(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + q));
      if (json != null) {
        request.method(built.method(), HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
      }
    };
  }

  /**
   * Operations with a file body go to the SDK's hand-written upload methods: the generated client
   * writes a java.io.File body as JSON. The case's "body" text is the file's content.
   */
  private Object upload(String op, JsonNode args) throws Exception {
    Path file = Files.createTempFile("trackline-driver", ".bin");
    try {
      Files.write(file, args.path("body").asText("").getBytes(StandardCharsets.UTF_8));
      String path = args.path("path").asText(null);
      switch (op) {
        case "uploadArtifact":
          client.uploadArtifact(path, file);
          return mapper.createObjectNode();
        case "uploadMultipartPart":
          return client.uploadMultipartPart(path, args.path("upload_id").asText(null), args.path("part_number").asInt(), file);
        default:
          return new Skip("the generated client cannot send the file body of " + op);
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Whether the typed value goes on the wire as the case's JSON (numbers compared by value). */
  private boolean sameOnWire(JsonNode given, Object value) throws Exception {
    JsonNode wire = mapper.readTree(mapper.writeValueAsString(value));
    return withoutNulls(given.deepCopy()).equals((a, b) -> a.isNumber() && b.isNumber()
        ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1, wire);
  }

  private Object placeholder(Class<?> type) throws Exception {
    if (type == String.class) {
      return "";
    } else if (type == List.class) {
      return new ArrayList<>();
    } else if (type == Long.class || type == Integer.class) {
      return mapper.convertValue(0, type);
    } else if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    return type.getConstructor().newInstance();
  }

  private Object highLevel(String op, JsonNode args) {
    String runId = args.path("run_id").asText(null);
    switch (op) {
      case "hl.logBatch":
        client.logBatch(runId, list(args, "metrics", Metric.class), list(args, "params", Param.class),
            list(args, "tags", RunTag.class));
        return mapper.createObjectNode();
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
