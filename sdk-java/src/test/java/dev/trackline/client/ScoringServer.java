package dev.trackline.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One live scoring server for the test run: two models saved with the Python SDK ({@code python}
 * beside {@code $TRACKLINE_BIN}), served by {@code trackline models serve} as {@value #LINEAR}
 * and {@value #DOUBLED} with a 50/50 split. Both have the inputs {@code a} (double), {@code b}
 * (long) and an optional {@code label} (string), and the parameter {@code k} (double, default
 * 1); {@value #LINEAR} predicts {@code a * k + b}, {@value #DOUBLED} twice that.
 *
 * <p>Test constructors and methods can take a {@link ScoringClient} for it.
 */
public final class ScoringServer implements ParameterResolver {
  public static final String LINEAR = "linear";
  public static final String DOUBLED = "doubled";
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ScoringServer.class);
  private static final Duration STARTUP = Duration.ofSeconds(180);

  private static final String SAVE_MODELS = String.join("\n",
      "import sys",
      "from trackline import pyfunc",
      "from trackline.models import ColSpec, ModelSignature, ParamSchema, ParamSpec, Schema",
      "",
      "class Linear(pyfunc.PythonModel):",
      "    def __init__(self, scale):",
      "        self.scale = scale",
      "",
      "    def predict(self, context, model_input, params=None):",
      "        k = (params or {}).get('k', 1.0)",
      "        return ((model_input['a'] * k + model_input['b']) * self.scale).to_numpy()",
      "",
      "signature = ModelSignature(",
      "    Schema([ColSpec('double', 'a'), ColSpec('long', 'b'), ColSpec('string', 'label', required=False)]),",
      "    Schema([ColSpec('double')]),",
      "    ParamSchema([ParamSpec('k', 'double', 1.0)]),",
      ")",
      "pyfunc.save_model(sys.argv[1], python_model=Linear(1.0), signature=signature)",
      "pyfunc.save_model(sys.argv[2], python_model=Linear(2.0), signature=signature)",
      "");

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == ScoringClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    LiveServer.Server server =
        e.getRoot().getStore(NS).getOrComputeIfAbsent("server", k -> start(), LiveServer.Server.class);
    return new ScoringClient(server.url);
  }

  private static LiveServer.Server start() {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("trackline-java-scoring");
      Path linear = dir.resolve(LINEAR);
      Path doubled = dir.resolve(DOUBLED);
      String trackline = LiveServer.tracklineBin();
      String python = Paths.get(trackline).resolveSibling("python").toString();
      run(dir, List.of(python, "-c", SAVE_MODELS, linear.toString(), doubled.toString()));
      String port = String.valueOf(LiveServer.freePort());
      List<String> command = List.of(trackline, "models", "serve", "-h", "127.0.0.1", "-p", port, "-w", "1",
          "-m", LINEAR + "=" + linear, "-m", DOUBLED + "=" + doubled, "--split", "50,50");
      Path log = dir.resolve("serve.log");
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      LiveServer.Server server = new LiveServer.Server("http://127.0.0.1:" + port, process, dir);
      awaitReady(server, log, command);
      return server;
    } catch (IOException | RuntimeException e) {
      LiveServer.delete(dir);
      throw e instanceof RuntimeException ? (RuntimeException) e
          : new IllegalStateException("could not start the scoring server", e);
    }
  }

  private static void run(Path dir, List<String> command) throws IOException {
    Path log = dir.resolve("save.log");
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      if (!process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("saving the test models failed:\n" + LiveServer.Server.tail(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while saving the test models", e);
    }
  }

  private static void awaitReady(LiveServer.Server server, Path log, List<String> command) {
    ScoringClient client = new ScoringClient(server.url);
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (!client.isReady()) {
      if (!server.isAlive() || System.nanoTime() - deadline > 0) {
        String tail = LiveServer.Server.tail(log);
        server.close();
        throw new IllegalStateException("the scoring server did not become ready: " + String.join(" ", command)
            + "\n" + tail);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
