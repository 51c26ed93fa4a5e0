package dev.trackline.mlflowclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.FileInfo;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;

/**
 * MLflow's real Java client ({@code org.mlflow:mlflow-client}) against Trackline, as an MLflow user
 * runs it: tracking, artifacts (which that client moves through MLflow's Python CLI, {@code
 * MLFLOW_PYTHON_EXECUTABLE}) and the model registry.
 */
class MlflowJavaClientTest {
  private static TracklineServer server;
  private static MlflowClient client;

  @BeforeAll
  static void start() throws Exception {
    server = TracklineServer.start();
    client = new MlflowClient(server.url);
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static String unique(String prefix) {
    return prefix + "-" + System.nanoTime();
  }

  @Test
  void trackingFlow() {
    String name = unique("java-client");
    String experimentId = client.createExperiment(name);
    Experiment experiment = client.getExperiment(experimentId);
    assertEquals(name, experiment.getName());
    assertEquals(experimentId, client.getExperimentByName(name).get().getExperimentId());
    client.setExperimentTag(experimentId, "team", "growth");
    client.renameExperiment(experimentId, name + "-renamed");
    assertEquals(name + "-renamed", client.getExperiment(experimentId).getName());

    RunInfo info = client.createRun(experimentId);
    String runId = info.getRunId();
    assertEquals(32, runId.length());
    client.logParam(runId, "alpha", "0.5");
    client.logMetric(runId, "loss", 0.9, 1000L, 0L);
    client.logMetric(runId, "loss", 0.4, 2000L, 1L);
    client.setTag(runId, "stage", "dev");
    client.setTag(runId, "scratch", "x");
    client.deleteTag(runId, "scratch");
    client.logBatch(runId,
        List.of(Metric.newBuilder().setKey("acc").setValue(0.8).setTimestamp(3000L).setStep(2L).build()),
        List.of(Param.newBuilder().setKey("depth").setValue("4").build()),
        List.of(RunTag.newBuilder().setKey("batch").setValue("yes").build()));

    List<Metric> history = client.getMetricHistory(runId, "loss");
    assertEquals(List.of(0.9, 0.4), history.stream().map(Metric::getValue).collect(Collectors.toList()));
    client.setTerminated(runId, RunStatus.FINISHED);

    Run run = client.getRun(runId);
    assertEquals(RunStatus.FINISHED, run.getInfo().getStatus());
    Map<String, String> params = run.getData().getParamsList().stream()
        .collect(Collectors.toMap(Param::getKey, Param::getValue));
    assertEquals(Map.of("alpha", "0.5", "depth", "4"), params);
    Map<String, String> tags = run.getData().getTagsList().stream()
        .collect(Collectors.toMap(RunTag::getKey, RunTag::getValue));
    assertEquals("dev", tags.get("stage"));
    assertEquals("yes", tags.get("batch"));
    assertTrue(!tags.containsKey("scratch"));

    List<RunInfo> found = client.searchRuns(List.of(experimentId), "metrics.loss < 0.5 and params.alpha = '0.5'");
    assertEquals(List.of(runId), found.stream().map(RunInfo::getRunId).collect(Collectors.toList()));
    assertEquals(1, client.searchExperiments("name = '" + name + "-renamed'").getItems().size());

    client.deleteRun(runId);
    assertEquals(0, client.searchRuns(List.of(experimentId), "", ViewType.ACTIVE_ONLY).size());
    client.restoreRun(runId);
    assertEquals(1, client.searchRuns(List.of(experimentId), "", ViewType.ACTIVE_ONLY).size());
    client.deleteExperiment(experimentId);
    assertEquals("deleted", client.getExperiment(experimentId).getLifecycleStage());
    client.restoreExperiment(experimentId);
  }

  @Test
  void missingExperimentWithA64BitIdIsNotFound() {
    MlflowHttpException e = assertThrows(MlflowHttpException.class, () -> client.getExperiment("987654321987"));
    assertEquals(404, e.getStatusCode());
    assertTrue(e.getBodyMessage().contains("RESOURCE_DOES_NOT_EXIST"), e.getBodyMessage());
  }

  @Test
  void artifactFlow(@TempDir Path tmp) throws Exception {
    String experimentId = client.createExperiment(unique("java-artifacts"));
    String runId = client.createRun(experimentId).getRunId();
    Path file = tmp.resolve("notes.txt");
    Files.writeString(file, "hello from java", StandardCharsets.UTF_8);
    Path dir = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(dir.resolve("MLmodel"), "flavors: {}\n", StandardCharsets.UTF_8);

    client.logArtifact(runId, file.toFile());
    client.logArtifacts(runId, dir.toFile(), "model");

    List<String> top = client.listArtifacts(runId).stream().map(FileInfo::getPath).sorted().collect(Collectors.toList());
    assertEquals(List.of("model", "notes.txt"), top);
    List<FileInfo> inModel = client.listArtifacts(runId, "model");
    assertEquals("model/MLmodel", inModel.get(0).getPath());

    File downloaded = client.downloadArtifacts(runId, "notes.txt");
    assertEquals("hello from java", Files.readString(downloaded.toPath(), StandardCharsets.UTF_8));
  }

  @Test
  void registryFlow(@TempDir Path tmp) throws Exception {
    String experimentId = client.createExperiment(unique("java-registry"));
    String runId = client.createRun(experimentId).getRunId();
    Path dir = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(dir.resolve("MLmodel"), "flavors: {}\n", StandardCharsets.UTF_8);
    client.logArtifacts(runId, dir.toFile(), "model");
    String source = client.getRun(runId).getInfo().getArtifactUri() + "/model";

    // The client has no typed calls to create registry entries: its users send them with sendPost.
    String model = unique("java-model");
    client.sendPost("registered-models/create", "{\"name\": \"" + model + "\"}");
    client.sendPost("model-versions/create",
        "{\"name\": \"" + model + "\", \"source\": \"" + source + "\", \"run_id\": \"" + runId + "\"}");
    client.sendPost("model-versions/transition-stage",
        "{\"name\": \"" + model + "\", \"version\": \"1\", \"stage\": \"Production\"}");

    assertEquals(model, client.getRegisteredModel(model).getName());
    ModelVersion version = client.getModelVersion(model, "1");
    assertEquals(runId, version.getRunId());
    assertEquals("Production", version.getCurrentStage());
    List<ModelVersion> latest = client.getLatestVersions(model, List.of("Production"));
    assertEquals(List.of("1"), latest.stream().map(ModelVersion::getVersion).collect(Collectors.toList()));
    assertEquals(1, client.searchModelVersions("name = '" + model + "'").getItems().size());
    assertTrue(client.getModelVersionDownloadUri(model, "1").endsWith("/model"));

    File downloaded = client.downloadModelVersion(model, "1");
    assertTrue(new File(downloaded, "MLmodel").isFile(), downloaded + " holds " + List.of(downloaded.list()));

    MlflowHttpException e = assertThrows(MlflowHttpException.class, () -> client.getModelVersion(model, "99999999999"));
    assertEquals(404, e.getStatusCode());
  }
}
