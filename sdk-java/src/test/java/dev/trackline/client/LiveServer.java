package dev.trackline.client;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one live tracking server for the whole test run and stops it at the end.
 *
 * <ul>
 *   <li>{@code TRACKLINE_TEST_URL}: use the server already running there instead.
 *   <li>{@code TRACKLINE_TEST_SERVER}: {@code trackline} (default) runs {@code $TRACKLINE_BIN
 *       server} (default {@code ../.venv/bin/trackline}); {@code mlflow} runs a real MLflow
 *       server, {@code $MLFLOW_BIN server} (default {@code ../.venv/bin/mlflow}).
 * </ul>
 *
 * Test methods and constructors can take a {@link TracklineClient} or the server's {@link URI}.
 */
public final class LiveServer implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LiveServer.class);
  private static final Duration STARTUP = Duration.ofSeconds(120);

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    Class<?> type = p.getParameter().getType();
    return type == TracklineClient.class || type == URI.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    String url = server(e).url;
    if (p.getParameter().getType() == URI.class) {
      return URI.create(url);
    }
    return TracklineClient.builder().trackingUri(url).build();
  }

  private static Server server(ExtensionContext context) {
    return context.getRoot().getStore(NS).getOrComputeIfAbsent("server", k -> Server.start(), Server.class);
  }

  /**
   * A running server (the tracking server here, the scoring server in {@link ScoringServer}) with
   * its temporary directory; closed by JUnit when the run ends.
   */
  static final class Server implements ExtensionContext.Store.CloseableResource {
    final String url;
    private final Process process;
    private final Path dir;

    Server(String url, Process process, Path dir) {
      this.url = url;
      this.process = process;
      this.dir = dir;
    }

    static Server start() {
      String external = System.getenv("TRACKLINE_TEST_URL");
      if (external != null && !external.isBlank()) {
        return new Server(external.trim().replaceAll("/+$", ""), null, null);
      }
      try {
        return start(Files.createTempDirectory("trackline-java-test"), freePort());
      } catch (IOException e) {
        throw new IllegalStateException("could not start the test server", e);
      }
    }

    /**
     * A server of the test's own on {@code port}, with its database and log in {@code dir}: start
     * it again with the same two after {@link #kill()} and it has the same data.
     */
    static Server start(Path dir, int port) {
      return start(dir, port, command(dir, port), java.util.Map.of());
    }

    /**
     * A Trackline server of the test's own with authentication on ({@code --auth}), whatever
     * {@code TRACKLINE_TEST_SERVER} says: the admin {@code admin} with {@code adminPassword}.
     */
    static Server startWithAuth(String adminPassword) {
      try {
        Path dir = Files.createTempDirectory("trackline-java-auth");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(tracklineBin(), "server", "--host", "127.0.0.1",
            "--port", String.valueOf(port), "--backend-store-uri", "sqlite:///" + dir.resolve("j.db"),
            "--auth", "--admin-username", "admin"));
        return start(dir, port, command, java.util.Map.of("TRACKLINE_ADMIN_PASSWORD", adminPassword));
      } catch (IOException e) {
        throw new IllegalStateException("could not start the test server", e);
      }
    }

    private static Server start(Path dir, int port, List<String> command, java.util.Map<String, String> env) {
      try {
        String url = "http://127.0.0.1:" + port;
        Path log = dir.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(dir.toFile()) // whatever the server writes by default lands in the temporary directory
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        Server server = new Server(url, process, dir);
        server.awaitHealthy(log, command);
        return server;
      } catch (IOException e) {
        throw new IllegalStateException("could not start the test server", e);
      }
    }

    /** Kills the server and its workers with SIGKILL, leaving its directory as it is. */
    void kill() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(15, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    boolean isAlive() {
      return process.isAlive();
    }

    private static List<String> command(Path dir, int port) {
      String kind = env("TRACKLINE_TEST_SERVER", "trackline");
      String store = "sqlite:///" + dir.resolve("j.db");
      List<String> command = new ArrayList<>();
      if (kind.equals("mlflow")) {
        command.add(env("MLFLOW_BIN", Paths.get("..", ".venv", "bin", "mlflow").toAbsolutePath().normalize().toString()));
        command.addAll(List.of("server", "--host", "127.0.0.1", "--port", String.valueOf(port),
            "--backend-store-uri", store, "--artifacts-destination", dir.resolve("artifacts").toString(),
            "--workers", "1"));
      } else if (kind.equals("trackline")) {
        command.add(tracklineBin());
        command.addAll(List.of("server", "--host", "127.0.0.1", "--port", String.valueOf(port),
            "--backend-store-uri", store));
      } else {
        throw new IllegalStateException("TRACKLINE_TEST_SERVER must be trackline or mlflow, not " + kind);
      }
      return command;
    }

    private void awaitHealthy(Path log, List<String> command) {
      long deadline = System.nanoTime() + STARTUP.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the test server exited (" + process.exitValue() + "): "
              + String.join(" ", command) + "\n" + tail(log));
        }
        try {
          HttpURLConnection c = (HttpURLConnection) URI.create(url + "/health").toURL().openConnection();
          c.setConnectTimeout(1000);
          c.setReadTimeout(2000);
          if (c.getResponseCode() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // still starting
        }
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      close();
      throw new IllegalStateException("the test server did not become healthy in " + STARTUP + ": "
          + String.join(" ", command) + "\n" + tail(log));
    }

    static String tail(Path log) {
      try {
        String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
      } catch (IOException e) {
        return "(no log)";
      }
    }

    @Override
    public void close() {
      if (process != null) {
        stop(process);
        delete(dir);
      }
    }
  }

  /** Stops a server and its workers: SIGTERM, then SIGKILL after 15 s. */
  static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Deletes a test's temporary directory, if there is one. */
  static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  /** The {@code trackline} command the tests run: {@code $TRACKLINE_BIN}, else the repository's venv's. */
  static String tracklineBin() {
    return env("TRACKLINE_BIN", Paths.get("..", ".venv", "bin", "trackline").toAbsolutePath().normalize().toString());
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
