package dev.trackline.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trackline.client.LiveServer;
import dev.trackline.client.TracklineClient;
import dev.trackline.client.model.Experiment;
import dev.trackline.client.model.Run;
import dev.trackline.client.model.RunStatus;
import dev.trackline.client.model.RunTag;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the example in its own JVM with nothing on PATH but the JVM's own bin directory (so no
 * Python) and no locale (so the JVM's default charset is ASCII), then checks its data on the server.
 */
@ExtendWith(LiveServer.class)
class TrackingExampleTest {
  @Test
  void runsWithoutPythonAndLeavesItsDataOnTheServer(URI server, TracklineClient client) throws Exception {
    Path javaBin = Paths.get(System.getProperty("java.home"), "bin");
    try (Stream<Path> files = Files.list(javaBin)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("python")));
    }
    String experimentName = "java-example-" + UUID.randomUUID().toString().substring(0, 8);

    ProcessBuilder pb = new ProcessBuilder(javaBin.resolve("java").toString(), "-cp", classpath(),
        TrackingExample.class.getName(), experimentName);
    pb.environment().clear();
    pb.environment().put("PATH", javaBin.toString());
    pb.environment().put("MLFLOW_TRACKING_URI", server.toString());
    pb.redirectErrorStream(true);
    Process process = pb.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("note tag read back intact: true"), output);

    Experiment experiment = client.getExperimentByName(experimentName).orElseThrow();
    List<Run> runs = client.searchRuns(List.of(experiment.getExperimentId())).getItems();
    Map<String, Run> byName = runs.stream().collect(Collectors.toMap(r -> r.getInfo().getRunName(), r -> r));
    assertEquals(Set.of("example-run", "evaluation", "export"), byName.keySet());
    Run main = byName.get("example-run");
    assertEquals(RunStatus.FINISHED, main.getInfo().getStatus());
    assertEquals(10, client.getMetricHistory(main.getInfo().getRunId(), "loss").size());
    Map<String, String> params = main.getData().getParams().stream()
        .collect(Collectors.toMap(p -> p.getKey(), p -> p.getValue()));
    assertEquals(Map.of("learning_rate", "0.01", "epochs", "10", "optimizer", "adam"), params);
    Map<String, String> tags = main.getData().getTags().stream().collect(Collectors.toMap(RunTag::getKey, RunTag::getValue));
    assertEquals("trained on caf\u00e9 data \u2713 \uD83D\uDE80", tags.get("note"));
    String parent = byName.get("export").getData().getTags().stream()
        .filter(t -> t.getKey().equals("mlflow.parentRunId")).map(RunTag::getValue).findFirst().orElse("");
    assertEquals(main.getInfo().getRunId(), parent);
    assertFalse(output.isBlank());
  }

  /** The SDK's classes, the example's classes and the SDK's runtime dependencies. */
  private static String classpath() throws Exception {
    Path target = Paths.get("target");
    String deps = new String(Files.readAllBytes(target.resolve("runtime-classpath.txt")), StandardCharsets.UTF_8).trim();
    return String.join(File.pathSeparator, target.resolve("classes").toAbsolutePath().toString(),
        target.resolve("test-classes").toAbsolutePath().toString(), deps);
  }
}
