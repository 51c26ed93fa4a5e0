package dev.trackline.mlflowclient;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Trackline server of the test's own: {@code $TRACKLINE_BIN server} (default {@code
 * ../../.venv/bin/trackline}) on a free port, with its database, artifacts and log in a
 * temporary directory; {@code TRACKLINE_TEST_URL} uses a running server instead.
 */
final class TracklineServer implements AutoCloseable {
  final String url;
  private final Process process;

  private TracklineServer(String url, Process process) {
    this.url = url;
    this.process = process;
  }

  static TracklineServer start() throws IOException, InterruptedException {
    String external = System.getenv("TRACKLINE_TEST_URL");
    if (external != null && !external.isBlank()) {
      return new TracklineServer(external.trim().replaceAll("/+$", ""), null);
    }
    String bin = System.getenv().getOrDefault("TRACKLINE_BIN", "../../.venv/bin/trackline");
    Path dir = Files.createTempDirectory("trackline-mlflow-java");
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path log = dir.resolve("server.log");
    Process process = new ProcessBuilder(List.of(
            Paths.get(bin).toAbsolutePath().toString(), "server", "--host", "127.0.0.1",
            "--port", String.valueOf(port), "--workers", "1",
            "--backend-store-uri", "sqlite:///" + dir.resolve("trackline.db"),
            "--artifacts-destination", dir.resolve("artifacts").toString()))
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    TracklineServer server = new TracklineServer("http://127.0.0.1:" + port, process);
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited: " + Files.readString(log, StandardCharsets.UTF_8));
      }
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(server.url + "/health").toURL().openConnection();
        c.setConnectTimeout(1000);
        if (c.getResponseCode() == 200) {
          return server;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    server.close();
    throw new IllegalStateException("the server did not start: " + Files.readString(log, StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
