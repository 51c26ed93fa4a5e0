package dev.trackline.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted HTTP server for what a real tracking server cannot be made to do on demand: answer
 * 429 or 503, stall, or drop out. It plays its planned answers in order, then repeats the last.
 */
final class StubServer implements AutoCloseable {
  static final class Answer {
    final int status;
    final String body;
    final Map<String, String> headers;
    final long delayMillis;

    Answer(int status, String body, Map<String, String> headers, long delayMillis) {
      this.status = status;
      this.body = body;
      this.headers = headers;
      this.delayMillis = delayMillis;
    }

    static Answer json(int status, String body) {
      return new Answer(status, body, Map.of("Content-Type", "application/json"), 0);
    }

    Answer withHeader(String name, String value) {
      Map<String, String> h = new java.util.HashMap<>(headers);
      h.put(name, value);
      return new Answer(status, body, h, delayMillis);
    }

    Answer after(long millis) {
      return new Answer(status, body, headers, millis);
    }
  }

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Answer> plan = new ConcurrentLinkedQueue<>();
  private volatile Answer last;
  final List<Headers> requests = new CopyOnWriteArrayList<>();
  /** The method and raw path with query of each request, e.g. {@code GET /a%20b?x=1}. */
  final List<String> targets = new CopyOnWriteArrayList<>();
  final List<byte[]> bodies = new CopyOnWriteArrayList<>();

  StubServer(int port, Answer... answers) throws IOException {
    plan.addAll(List.of(answers));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 16);
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestHeaders());
      targets.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
          + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
      bodies.add(exchange.getRequestBody().readAllBytes());
      Answer answer = plan.poll();
      if (answer == null) {
        answer = last;
      } else {
        last = answer;
      }
      try {
        Thread.sleep(answer.delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] body = answer.body.getBytes(StandardCharsets.UTF_8);
      answer.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(answer.status, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int count() {
    return requests.size();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
