package dev.trackline.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackline.client.api.ArtifactsApi;
import dev.trackline.client.api.ExperimentsApi;
import dev.trackline.client.api.MetricsApi;
import dev.trackline.client.api.RegistryApi;
import dev.trackline.client.api.RunsApi;
import dev.trackline.client.invoker.ApiClient;
import dev.trackline.client.invoker.ApiException;
import dev.trackline.client.model.CreateExperimentRequest;
import dev.trackline.client.model.CreateModelVersionRequest;
import dev.trackline.client.model.CreateRegisteredModelRequest;
import dev.trackline.client.model.DeleteModelVersionTagRequest;
import dev.trackline.client.model.DeleteRegisteredModelAliasRequest;
import dev.trackline.client.model.DeleteRegisteredModelTagRequest;
import dev.trackline.client.model.GetLatestVersionsRequest;
import dev.trackline.client.model.GetRegistryHistoryResponse;
import dev.trackline.client.model.ModelVersion;
import dev.trackline.client.model.ModelVersionRequest;
import dev.trackline.client.model.RegisteredModel;
import dev.trackline.client.model.RegisteredModelNameRequest;
import dev.trackline.client.model.RegisteredModelTag;
import dev.trackline.client.model.RegistryAction;
import dev.trackline.client.model.RegistryEvent;
import dev.trackline.client.model.RenameRegisteredModelRequest;
import dev.trackline.client.model.SearchModelVersionsResponse;
import dev.trackline.client.model.SearchRegisteredModelsResponse;
import dev.trackline.client.model.SetModelVersionTagRequest;
import dev.trackline.client.model.SetRegisteredModelAliasRequest;
import dev.trackline.client.model.SetRegisteredModelTagRequest;
import dev.trackline.client.model.TransitionModelVersionStageRequest;
import dev.trackline.client.model.UpdateModelVersionRequest;
import dev.trackline.client.model.UpdateRegisteredModelRequest;
import dev.trackline.client.model.CreateRunRequest;
import dev.trackline.client.model.DeleteExperimentTagRequest;
import dev.trackline.client.model.DeleteTagRequest;
import dev.trackline.client.model.Experiment;
import dev.trackline.client.model.ExperimentIdRequest;
import dev.trackline.client.model.GetMetricHistoryResponse;
import dev.trackline.client.model.ListArtifactsResponse;
import dev.trackline.client.model.LogBatchRequest;
import dev.trackline.client.model.LogMetricRequest;
import dev.trackline.client.model.LogParamRequest;
import dev.trackline.client.model.Metric;
import dev.trackline.client.model.Param;
import dev.trackline.client.model.Run;
import dev.trackline.client.model.RunIdRequest;
import dev.trackline.client.model.RunInfo;
import dev.trackline.client.model.RunStatus;
import dev.trackline.client.model.RunTag;
import dev.trackline.client.model.SearchExperimentsRequest;
import dev.trackline.client.model.SearchExperimentsResponse;
import dev.trackline.client.model.SearchRunsRequest;
import dev.trackline.client.model.SearchRunsResponse;
import dev.trackline.client.model.SetExperimentTagRequest;
import dev.trackline.client.model.SetTagRequest;
import dev.trackline.client.model.UpdateExperimentRequest;
import dev.trackline.client.model.UpdateRunRequest;
import dev.trackline.client.model.UploadMultipartPartResponse;
import dev.trackline.client.model.ViewType;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A client for the tracking API of a Trackline (or MLflow) server, with the method names and
 * shapes of MLflow's {@code org.mlflow.tracking.MlflowClient}.
 *
 * <p>Ids are strings, timestamps are milliseconds since the epoch, results are the model types
 * generated from the API spec ({@link Run}, {@link RunInfo}, {@link Experiment}, {@link Metric},
 * ...). Every failure is a {@link TracklineException}. Everything goes over HTTP: no Python is
 * needed.
 *
 * <pre>{@code
 * TracklineClient client = new TracklineClient("http://127.0.0.1:5000");
 * String experimentId = client.createExperiment("churn-model");
 * RunInfo run = client.createRun(experimentId);
 * client.logParam(run.getRunId(), "alpha", "0.5");
 * client.logMetric(run.getRunId(), "rmse", 0.71, System.currentTimeMillis(), 1);
 * client.setTerminated(run.getRunId());
 * }</pre>
 *
 * <p>Configuration comes from {@link #builder()} or the environment: {@code
 * TRACKLINE_TRACKING_URI} or {@code MLFLOW_TRACKING_URI}; {@code MLFLOW_TRACKING_TOKEN} (bearer)
 * or {@code MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD} (basic); {@code
 * MLFLOW_HTTP_REQUEST_TIMEOUT} (seconds) and {@code MLFLOW_HTTP_REQUEST_MAX_RETRIES}.
 *
 * <p>Instances are thread-safe.
 */
public class TracklineClient implements Closeable {
  /**
   * The body of the file upload being sent by this thread. The generated client writes a {@code
   * java.io.File} body as JSON (openapi-generator's native library has no binary request bodies),
   * so uploads replace that body with the file's bytes in the request interceptor.
   */
  private static final ThreadLocal<HttpRequest.BodyPublisher> FILE_BODY = new ThreadLocal<>();

  private final String trackingUri;
  private final int historyPageSize;
  private final int registryHistoryPageSize;
  private final ApiClient apiClient;
  private final ExperimentsApi experiments;
  private final RunsApi runs;
  private final MetricsApi metrics;
  private final ArtifactsApi artifacts;
  private final RegistryApi registry;
  private final HttpClient http;
  private final String authorization;
  private final String userAgent;
  private final String userId;

  /** A client configured from the environment ({@code TRACKLINE_TRACKING_URI} and friends). */
  public TracklineClient() {
    this(builder());
  }

  /** A client for the server at {@code trackingUri}, other settings from the environment. */
  public TracklineClient(String trackingUri) {
    this(builder().trackingUri(trackingUri));
  }

  private TracklineClient(Builder b) {
    this.trackingUri = b.validatedUri();
    this.historyPageSize = b.historyPageSize;
    this.registryHistoryPageSize = b.registryHistoryPageSize;
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    HttpClient retrying =
        new RetryingHttpClient(http, b.maxRetries, b.initialBackoff, b.maxBackoff, b.maxRetryAfter);
    // Empty fields are left out of requests, as MLflow's wire format does (proto3 JSON).
    ObjectMapper mapper =
        ApiClient.createDefaultObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
    ApiClient api =
        new ApiClient(new RetryingHttpClient.FixedBuilder(retrying), mapper, trackingUri);
    api.setReadTimeout(b.requestTimeout);
    this.http = retrying;
    this.authorization = b.authorizationHeader();
    this.userAgent = "trackline-java-client/" + version();
    this.userId = b.userId;
    api.setRequestInterceptor(
        request -> {
          request.setHeader("User-Agent", userAgent);
          if (authorization != null) {
            request.setHeader("Authorization", authorization);
          }
          HttpRequest.BodyPublisher fileBody = FILE_BODY.get();
          if (fileBody != null) {
            request.method(request.build().method(), fileBody);
          }
        });
    this.apiClient = api;
    this.experiments = new ExperimentsApi(api);
    this.runs = new RunsApi(api);
    this.metrics = new MetricsApi(api);
    this.artifacts = new ArtifactsApi(api);
    this.registry = new RegistryApi(api);
  }

  /** A builder, with defaults read from the environment. */
  public static Builder builder() {
    return new Builder(System.getenv());
  }

  /** The server's base URI. */
  public String getTrackingUri() {
    return trackingUri;
  }

  /**
   * The configured generated low-level client (auth, timeouts and retries included), for
   * operations this class does not wrap: {@code new RunsApi(client.getApiClient())}. Its {@code
   * ApiException}s convert with {@link TracklineException#fromApiException}.
   */
  public ApiClient getApiClient() {
    return apiClient;
  }

  // ---- Experiments ------------------------------------------------------------------------

  /** Creates an experiment and returns its id. */
  public String createExperiment(String name) {
    return createExperiment(new CreateExperimentRequest().name(name));
  }

  /** Creates an experiment (with artifact location and tags, if set) and returns its id. */
  public String createExperiment(CreateExperimentRequest request) {
    return call(() -> experiments.createExperiment(request)).getExperimentId();
  }

  /** The experiment with this id, deleted ones included. */
  public Experiment getExperiment(String experimentId) {
    return call(() -> experiments.getExperiment(experimentId)).getExperiment();
  }

  /** The experiment with this name, or empty when there is none. */
  public Optional<Experiment> getExperimentByName(String name) {
    try {
      return Optional.of(call(() -> experiments.getExperimentByName(name)).getExperiment());
    } catch (TracklineException e) {
      if ("RESOURCE_DOES_NOT_EXIST".equals(e.getErrorCode())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Active experiments, first page of up to 1000. */
  public Page<Experiment> searchExperiments() {
    return searchExperiments(null);
  }

  /** Active experiments matching {@code searchFilter}, first page of up to 1000. */
  public Page<Experiment> searchExperiments(String searchFilter) {
    return searchExperiments(searchFilter, ViewType.ACTIVE_ONLY, 1000, Collections.emptyList());
  }

  /** Experiments matching {@code searchFilter} in the given order, first page. */
  public Page<Experiment> searchExperiments(
      String searchFilter, ViewType viewType, int maxResults, List<String> orderBy) {
    return searchExperiments(searchFilter, viewType, maxResults, orderBy, null);
  }

  /** Experiments matching {@code searchFilter} in the given order, from {@code pageToken}. */
  public Page<Experiment> searchExperiments(
      String searchFilter,
      ViewType viewType,
      int maxResults,
      List<String> orderBy,
      String pageToken) {
    SearchExperimentsRequest request =
        new SearchExperimentsRequest()
            .filter(searchFilter)
            .viewType(viewType)
            .maxResults((long) maxResults)
            .orderBy(orderBy == null ? new ArrayList<>() : new ArrayList<>(orderBy))
            .pageToken(pageToken);
    SearchExperimentsResponse response = call(() -> experiments.searchExperiments(request));
    return new Page<>(
        response.getExperiments(),
        response.getNextPageToken(),
        token -> searchExperiments(searchFilter, viewType, maxResults, orderBy, token));
  }

  /** Marks an experiment and its runs deleted. */
  public void deleteExperiment(String experimentId) {
    run(() -> experiments.deleteExperiment(new ExperimentIdRequest().experimentId(experimentId)));
  }

  /** Restores a deleted experiment. */
  public void restoreExperiment(String experimentId) {
    run(() -> experiments.restoreExperiment(new ExperimentIdRequest().experimentId(experimentId)));
  }

  /** Renames an experiment. */
  public void renameExperiment(String experimentId, String newName) {
    run(
        () ->
            experiments.updateExperiment(
                new UpdateExperimentRequest().experimentId(experimentId).newName(newName)));
  }

  /** Sets a tag on an experiment. */
  public void setExperimentTag(String experimentId, String key, String value) {
    run(
        () ->
            experiments.setExperimentTag(
                new SetExperimentTagRequest().experimentId(experimentId).key(key).value(value)));
  }

  /** Deletes a tag from an experiment. */
  public void deleteExperimentTag(String experimentId, String key) {
    run(
        () ->
            experiments.deleteExperimentTag(
                new DeleteExperimentTagRequest().experimentId(experimentId).key(key)));
  }

  // ---- Runs -------------------------------------------------------------------------------

  /** Creates a run in the default experiment ({@code "0"}). */
  public RunInfo createRun() {
    return createRun("0");
  }

  /** Creates a run in an experiment, started now, by the current OS user. */
  public RunInfo createRun(String experimentId) {
    return createRun(
        new CreateRunRequest()
            .experimentId(experimentId)
            .startTime(System.currentTimeMillis())
            .userId(System.getProperty("user.name")));
  }

  /**
   * Creates a run as described (experiment, name, start time, tags). The request carries a new
   * {@code Idempotency-Key}, so that a retry after a lost answer returns the same run.
   */
  public RunInfo createRun(CreateRunRequest request) {
    String requestId = UUID.randomUUID().toString();
    return call(() -> runs.createRun(request, requestId)).getRun().getInfo();
  }

  /** The run with its latest metrics, params and tags. */
  public Run getRun(String runId) {
    return call(() -> runs.getRun(runId, null)).getRun();
  }

  /** Active runs of these experiments, first page of up to 1000. */
  public Page<Run> searchRuns(List<String> experimentIds) {
    return searchRuns(experimentIds, null);
  }

  /** Active runs of these experiments matching {@code searchFilter}, first page of up to 1000. */
  public Page<Run> searchRuns(List<String> experimentIds, String searchFilter) {
    return searchRuns(experimentIds, searchFilter, ViewType.ACTIVE_ONLY, 1000);
  }

  /** Runs matching {@code searchFilter}, first page of up to {@code maxResults}. */
  public Page<Run> searchRuns(
      List<String> experimentIds, String searchFilter, ViewType runViewType, int maxResults) {
    return searchRuns(experimentIds, searchFilter, runViewType, maxResults, null);
  }

  /** Runs matching {@code searchFilter} in the given order, first page. */
  public Page<Run> searchRuns(
      List<String> experimentIds,
      String searchFilter,
      ViewType runViewType,
      int maxResults,
      List<String> orderBy) {
    return searchRuns(experimentIds, searchFilter, runViewType, maxResults, orderBy, null);
  }

  /** Runs matching {@code searchFilter} in the given order, from {@code pageToken}. */
  public Page<Run> searchRuns(
      List<String> experimentIds,
      String searchFilter,
      ViewType runViewType,
      int maxResults,
      List<String> orderBy,
      String pageToken) {
    SearchRunsRequest request =
        new SearchRunsRequest()
            .experimentIds(new ArrayList<>(experimentIds))
            .filter(searchFilter)
            .runViewType(runViewType)
            .maxResults(maxResults)
            .orderBy(orderBy == null ? new ArrayList<>() : new ArrayList<>(orderBy))
            .pageToken(pageToken);
    SearchRunsResponse response = call(() -> runs.searchRuns(request));
    return new Page<>(
        response.getRuns(),
        response.getNextPageToken(),
        token -> searchRuns(experimentIds, searchFilter, runViewType, maxResults, orderBy, token));
  }

  /** Ends a run as {@code FINISHED}, now. */
  public void setTerminated(String runId) {
    setTerminated(runId, RunStatus.FINISHED);
  }

  /** Ends a run with this status, now. */
  public void setTerminated(String runId, RunStatus status) {
    setTerminated(runId, status, System.currentTimeMillis());
  }

  /** Ends a run with this status and end time. */
  public void setTerminated(String runId, RunStatus status, long endTime) {
    run(() -> runs.updateRun(new UpdateRunRequest().runId(runId).status(status).endTime(endTime)));
  }

  /** Marks a run deleted. */
  public void deleteRun(String runId) {
    run(() -> runs.deleteRun(new RunIdRequest().runId(runId)));
  }

  /** Restores a deleted run. */
  public void restoreRun(String runId) {
    run(() -> runs.restoreRun(new RunIdRequest().runId(runId)));
  }

  // ---- Logging ----------------------------------------------------------------------------

  /** Logs a parameter (immutable once logged). */
  public void logParam(String runId, String key, String value) {
    run(() -> runs.logParam(new LogParamRequest().runId(runId).key(key).value(value)));
  }

  /** Logs a metric value at step 0, timestamped now. */
  public void logMetric(String runId, String key, double value) {
    logMetric(runId, key, value, System.currentTimeMillis(), 0);
  }

  /** Logs a metric value with its timestamp (ms since the epoch) and step. */
  public void logMetric(String runId, String key, double value, long timestamp, long step) {
    run(
        () ->
            runs.logMetric(
                new LogMetricRequest()
                    .runId(runId)
                    .key(key)
                    .value(value)
                    .timestamp(timestamp)
                    .step(step)));
  }

  /** Sets a tag on a run. */
  public void setTag(String runId, String key, String value) {
    run(() -> runs.setTag(new SetTagRequest().runId(runId).key(key).value(value)));
  }

  /** Deletes a tag from a run. */
  public void deleteTag(String runId, String key) {
    run(() -> runs.deleteTag(new DeleteTagRequest().runId(runId).key(key)));
  }

  /**
   * Logs metrics, params and tags, any number of each (each may be null). They are sent in as
   * few requests as the server's limits allow (1000 metrics, 100 params, 100 tags, 1000 entries
   * per request); each request is stored whole or not at all. Metrics without a timestamp get
   * the current time, without a step step 0.
   */
  public void logBatch(
      String runId, Iterable<Metric> metrics, Iterable<Param> params, Iterable<RunTag> tags) {
    long now = System.currentTimeMillis();
    List<Metric> metricList = new ArrayList<>();
    if (metrics != null) {
      for (Metric m : metrics) {
        metricList.add(withDefaults(m, now));
      }
    }
    List<Param> paramList = new ArrayList<>();
    if (params != null) {
      params.forEach(paramList::add);
    }
    List<RunTag> tagList = new ArrayList<>();
    if (tags != null) {
      tags.forEach(tagList::add);
    }
    for (LogBatchRequest request : Batches.split(runId, metricList, paramList, tagList)) {
      run(() -> runs.logBatch(request));
    }
  }

  private static Metric withDefaults(Metric m, long now) {
    if (m.getTimestamp() != null && m.getStep() != null) {
      return m;
    }
    return new Metric()
        .key(m.getKey())
        .value(m.getValue())
        .timestamp(m.getTimestamp() != null ? m.getTimestamp() : now)
        .step(m.getStep() != null ? m.getStep() : 0L)
        .datasetName(m.getDatasetName())
        .datasetDigest(m.getDatasetDigest())
        .modelId(m.getModelId())
        .runId(m.getRunId());
  }

  /** Every logged value of a metric, in (step, timestamp) order, fetched across all pages. */
  public List<Metric> getMetricHistory(String runId, String key) {
    List<Metric> history = new ArrayList<>();
    String token = null;
    do {
      String pageToken = token;
      GetMetricHistoryResponse page =
          call(() -> metrics.getMetricHistory(key, runId, null, pageToken, historyPageSize));
      history.addAll(page.getMetrics());
      token = page.getNextPageToken();
    } while (token != null && !token.isEmpty());
    return history;
  }

  // ---- Artifacts --------------------------------------------------------------------------

  /** The entries at the root of a run's artifacts (not recursive). */
  public List<FileInfo> listArtifacts(String runId) {
    return listArtifacts(runId, null);
  }

  /**
   * The entries of one directory of a run's artifacts (not recursive), with paths relative to
   * the run's artifact root, as the server's artifact proxy lists them.
   */
  public List<FileInfo> listArtifacts(String runId, String artifactPath) {
    return listProxyDirectory(runArtifactRoot(runId), clean(artifactPath));
  }

  private List<FileInfo> listProxyDirectory(String root, String relativeDir) {
    String dir = join(root, relativeDir);
    List<FileInfo> files = new ArrayList<>();
    List<dev.trackline.client.model.FileInfo> entries = call(() -> artifacts.listArtifactsProxy(dir)).getFiles();
    if (entries != null) {
      for (dev.trackline.client.model.FileInfo f : entries) {
        String name = f.getPath().replaceAll("^.*/", "");
        files.add(new FileInfo(join(relativeDir, name), Boolean.TRUE.equals(f.getIsDir()), f.getFileSize()));
      }
    }
    return files;
  }

  /** Downloads all of a run's artifacts into a new temporary directory and returns it. */
  public File downloadArtifacts(String runId) {
    return downloadArtifacts(runId, null);
  }

  /**
   * Downloads one artifact of a run (a file, or a directory with everything below it) into a new
   * temporary directory and returns the local file or directory, named like the artifact. Files
   * are streamed to disk, never held in memory.
   */
  public File downloadArtifacts(String runId, String artifactPath) {
    String root = runArtifactRoot(runId);
    String path = clean(artifactPath);
    Path destination;
    try {
      destination = Files.createTempDirectory("trackline-artifacts-");
    } catch (IOException e) {
      throw new TracklineException("INTERNAL_ERROR", 0, "cannot create a temporary directory: " + e, e);
    }
    if (path.isEmpty()) {
      downloadDirectory(root, "", destination);
      return destination.toFile();
    }
    String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
    FileInfo entry = null;
    for (FileInfo f : listProxyDirectory(root, parent)) {
      if (f.getPath().equals(path)) {
        entry = f;
      }
    }
    if (entry == null) {
      throw new TracklineException(
          "RESOURCE_DOES_NOT_EXIST", 404, "no artifact " + path + " in run " + runId);
    }
    Path local = destination.resolve(path.replace('/', File.separatorChar));
    if (entry.isDir()) {
      downloadDirectory(root, path, destination);
    } else {
      ArtifactDownloads.toFile(this, join(root, path), local);
    }
    return local.toFile();
  }

  private void downloadDirectory(String root, String relativeDir, Path destination) {
    Path dir = destination.resolve(relativeDir.replace('/', File.separatorChar));
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new TracklineException("INTERNAL_ERROR", 0, "cannot create " + dir + ": " + e, e);
    }
    for (FileInfo f : listProxyDirectory(root, relativeDir)) {
      if (f.isDir()) {
        downloadDirectory(root, f.getPath(), destination);
      } else {
        ArtifactDownloads.toFile(
            this, join(root, f.getPath()), destination.resolve(f.getPath().replace('/', File.separatorChar)));
      }
    }
  }

  /** An artifact path without leading, trailing or doubled slashes; "" for the root. */
  private static String clean(String path) {
    if (path == null) {
      return "";
    }
    String p = path.replace('\\', '/').replaceAll("/+", "/").replaceAll("^/|/$", "");
    for (String part : p.split("/")) {
      if (part.equals("..")) {
        throw new TracklineException("INVALID_PARAMETER_VALUE", 0, "bad artifact path: " + path);
      }
    }
    return p;
  }

  HttpClient httpClient() {
    return http;
  }

  /** A request builder for {@code path} below the tracking URI, with this client's headers. */
  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(trackingUri + path))
        .timeout(apiClient.getReadTimeout())
        .header("User-Agent", userAgent);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  /**
   * Uploads a local file (or each file of a directory, under the directory's name) to the run's
   * artifacts, through the server: no Python and no direct store access needed.
   */
  public void logArtifact(String runId, File localFile) {
    logArtifact(runId, localFile, null);
  }

  /** Uploads a local file (or directory) to {@code artifactPath} within the run's artifacts. */
  public void logArtifact(String runId, File localFile, String artifactPath) {
    if (localFile.isDirectory()) {
      logArtifacts(runId, localFile, join(artifactPath, localFile.getName()));
      return;
    }
    uploadArtifact(join(runArtifactRoot(runId), join(artifactPath, localFile.getName())), localFile.toPath());
  }

  /** Uploads every file below a local directory to the run's artifacts root. */
  public void logArtifacts(String runId, File localDir) {
    logArtifacts(runId, localDir, null);
  }

  /** Uploads every file below a local directory to {@code artifactPath} within the run's artifacts. */
  public void logArtifacts(String runId, File localDir, String artifactPath) {
    String root = join(runArtifactRoot(runId), artifactPath);
    Path base = localDir.toPath();
    try (java.util.stream.Stream<Path> files = Files.walk(base)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String relative = base.relativize(file).toString().replace(File.separatorChar, '/');
        uploadArtifact(join(root, relative), file);
      }
    } catch (IOException e) {
      throw new TracklineException(
          "INVALID_PARAMETER_VALUE", 0, "cannot read " + localDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Uploads a local file to {@code path} in the server's artifact store ({@code
   * mlflow-artifacts} proxy), replacing what is there. The file is streamed, not loaded.
   */
  public void uploadArtifact(String path, Path localFile) {
    ApiRun upload = () -> artifacts.uploadArtifact(path, localFile.toFile());
    withFileBody(localFile, upload);
  }

  /** Uploads one part of a multipart upload started with {@code createMultipartUpload}. */
  public UploadMultipartPartResponse uploadMultipartPart(
      String path, String uploadId, int partNumber, Path localFile) {
    return withFileBody(
        localFile,
        () -> artifacts.uploadMultipartPart(uploadId, partNumber, path, localFile.toFile()));
  }

  /**
   * Downloads the file at {@code path} in the server's artifact store into a new temporary file
   * (streamed) and returns it; the caller owns the file.
   */
  public Path downloadArtifact(String path) {
    return call(() -> artifacts.downloadArtifact(path)).toPath();
  }

  private void withFileBody(Path localFile, ApiRun upload) {
    withFileBody(
        localFile,
        () -> {
          upload.run();
          return null;
        });
  }

  private <T> T withFileBody(Path localFile, ApiCall<T> upload) {
    if (!Files.isRegularFile(localFile)) {
      throw new TracklineException("INVALID_PARAMETER_VALUE", 0, "not a file: " + localFile);
    }
    try {
      FILE_BODY.set(HttpRequest.BodyPublishers.ofFile(localFile));
    } catch (IOException e) {
      throw new TracklineException(
          "INVALID_PARAMETER_VALUE", 0, "cannot read " + localFile + ": " + e.getMessage(), e);
    }
    try {
      return call(upload);
    } finally {
      FILE_BODY.remove();
    }
  }

  /** The run's artifact root as a path in the server's artifact store. */
  private String runArtifactRoot(String runId) {
    String uri = getRun(runId).getInfo().getArtifactUri();
    String scheme = "mlflow-artifacts:";
    if (uri == null || !uri.startsWith(scheme)) {
      throw new TracklineException(
          "INVALID_PARAMETER_VALUE",
          0,
          "the run's artifacts are at " + uri + ", not behind the server's artifact proxy "
              + "(mlflow-artifacts:); start the server with artifact serving");
    }
    String rest = uri.substring(scheme.length());
    if (rest.startsWith("//")) {
      int slash = rest.indexOf('/', 2);
      rest = slash < 0 ? "" : rest.substring(slash);
    }
    return rest.replaceAll("^/+", "");
  }

  private static String join(String a, String b) {
    if (a == null || a.isEmpty()) {
      return b;
    }
    if (b == null || b.isEmpty()) {
      return a;
    }
    return a.replaceAll("/+$", "") + "/" + b.replaceAll("^/+", "");
  }

  // ---- Model registry ---------------------------------------------------------------------

  /** Registers a model name. */
  public RegisteredModel createRegisteredModel(String name) {
    return createRegisteredModel(name, null, null);
  }

  /** Registers a model name with tags (may be null) and a description (may be null). */
  public RegisteredModel createRegisteredModel(
      String name, Map<String, String> tags, String description) {
    List<RegisteredModelTag> tagList = new ArrayList<>();
    if (tags != null) {
      tags.forEach((k, v) -> tagList.add(new RegisteredModelTag().key(k).value(v)));
    }
    CreateRegisteredModelRequest request =
        new CreateRegisteredModelRequest()
            .name(name)
            .tags(tagList)
            .description(description)
            .userId(userId);
    return call(() -> registry.createRegisteredModel(request)).getRegisteredModel();
  }

  /** The registered model with its latest versions, aliases and tags. */
  public RegisteredModel getRegisteredModel(String name) {
    return call(() -> registry.getRegisteredModel(name)).getRegisteredModel();
  }

  /** Renames a registered model (its versions follow). */
  public RegisteredModel renameRegisteredModel(String name, String newName) {
    RenameRegisteredModelRequest request =
        new RenameRegisteredModelRequest().name(name).newName(newName).userId(userId);
    return call(() -> registry.renameRegisteredModel(request)).getRegisteredModel();
  }

  /** Sets a registered model's description. */
  public RegisteredModel updateRegisteredModel(String name, String description) {
    UpdateRegisteredModelRequest request =
        new UpdateRegisteredModelRequest().name(name).description(description);
    return call(() -> registry.updateRegisteredModel(request)).getRegisteredModel();
  }

  /** Deletes a registered model and all its versions. */
  public void deleteRegisteredModel(String name) {
    run(() -> registry.deleteRegisteredModel(new RegisteredModelNameRequest().name(name).userId(userId)));
  }

  /** Registered models matching {@code filter} (may be null), first page of up to 100. */
  public Page<RegisteredModel> searchRegisteredModels(String filter) {
    return searchRegisteredModels(filter, 100, Collections.emptyList(), null);
  }

  /** Registered models matching {@code filter} in the given order, from {@code pageToken}. */
  public Page<RegisteredModel> searchRegisteredModels(
      String filter, int maxResults, List<String> orderBy, String pageToken) {
    List<String> order = orderBy == null || orderBy.isEmpty() ? null : new ArrayList<>(orderBy);
    SearchRegisteredModelsResponse response =
        call(() -> registry.searchRegisteredModels(filter, (long) maxResults, order, pageToken));
    return new Page<>(
        response.getRegisteredModels(),
        response.getNextPageToken(),
        token -> searchRegisteredModels(filter, maxResults, orderBy, token));
  }

  /** The latest version of a model in each stage (every stage when {@code stages} is empty). */
  public List<ModelVersion> getLatestVersions(String name, List<String> stages) {
    GetLatestVersionsRequest request =
        new GetLatestVersionsRequest()
            .name(name)
            .stages(stages == null ? new ArrayList<>() : new ArrayList<>(stages));
    List<ModelVersion> versions = call(() -> registry.getLatestVersions(request)).getModelVersions();
    return versions == null ? Collections.emptyList() : versions;
  }

  /** The latest version of a model in each stage. */
  public List<ModelVersion> getLatestVersions(String name) {
    return getLatestVersions(name, null);
  }

  /** Sets a tag on a registered model. */
  public void setRegisteredModelTag(String name, String key, String value) {
    run(() -> registry.setRegisteredModelTag(
        new SetRegisteredModelTagRequest().name(name).key(key).value(value)));
  }

  /** Deletes a tag from a registered model. */
  public void deleteRegisteredModelTag(String name, String key) {
    run(() -> registry.deleteRegisteredModelTag(
        new DeleteRegisteredModelTagRequest().name(name).key(key)));
  }

  /** Creates a new version of a registered model from {@code source}, logged by {@code runId}. */
  public ModelVersion createModelVersion(String name, String source, String runId) {
    return createModelVersion(
        new CreateModelVersionRequest().name(name).source(source).runId(runId));
  }

  /** Creates a model version as described (tags, description, run link, ...). */
  public ModelVersion createModelVersion(CreateModelVersionRequest request) {
    if (request.getUserId() == null) {
      request.setUserId(userId);
    }
    return call(() -> registry.createModelVersion(request)).getModelVersion();
  }

  /** One version of a registered model. */
  public ModelVersion getModelVersion(String name, String version) {
    return call(() -> registry.getModelVersion(name, version)).getModelVersion();
  }

  /** Sets a model version's description. */
  public ModelVersion updateModelVersion(String name, String version, String description) {
    UpdateModelVersionRequest request =
        new UpdateModelVersionRequest().name(name).version(version).description(description);
    return call(() -> registry.updateModelVersion(request)).getModelVersion();
  }

  /** Deletes a model version. */
  public void deleteModelVersion(String name, String version) {
    run(() -> registry.deleteModelVersion(
        new ModelVersionRequest().name(name).version(version).userId(userId)));
  }

  /**
   * Moves a model version to {@code stage} ({@code None}, {@code Staging}, {@code Production} or
   * {@code Archived}); with {@code archiveExistingVersions}, the other versions in that stage move
   * to {@code Archived}.
   */
  public ModelVersion transitionModelVersionStage(
      String name, String version, String stage, boolean archiveExistingVersions) {
    return transitionModelVersionStage(name, version, stage, archiveExistingVersions, null);
  }

  /** As {@link #transitionModelVersionStage(String, String, String, boolean)}, with a comment. */
  public ModelVersion transitionModelVersionStage(
      String name, String version, String stage, boolean archiveExistingVersions, String comment) {
    TransitionModelVersionStageRequest request =
        new TransitionModelVersionStageRequest()
            .name(name)
            .version(version)
            .stage(stage)
            .archiveExistingVersions(archiveExistingVersions)
            .userId(userId)
            .comment(comment);
    return call(() -> registry.transitionModelVersionStage(request)).getModelVersion();
  }

  /** Model versions matching {@code filter} (may be null), first page of up to 1000. */
  public Page<ModelVersion> searchModelVersions(String filter) {
    return searchModelVersions(filter, 1000, Collections.emptyList(), null);
  }

  /** Model versions matching {@code filter} in the given order, from {@code pageToken}. */
  public Page<ModelVersion> searchModelVersions(
      String filter, int maxResults, List<String> orderBy, String pageToken) {
    List<String> order = orderBy == null || orderBy.isEmpty() ? null : new ArrayList<>(orderBy);
    SearchModelVersionsResponse response =
        call(() -> registry.searchModelVersions(filter, (long) maxResults, order, pageToken));
    return new Page<>(
        response.getModelVersions(),
        response.getNextPageToken(),
        token -> searchModelVersions(filter, maxResults, orderBy, token));
  }

  /** Where a model version's files are. */
  public String getModelVersionDownloadUri(String name, String version) {
    return call(() -> registry.getModelVersionDownloadUri(name, version)).getArtifactUri();
  }

  /** Sets a tag on a model version. */
  public void setModelVersionTag(String name, String version, String key, String value) {
    run(() -> registry.setModelVersionTag(
        new SetModelVersionTagRequest().name(name).version(version).key(key).value(value)));
  }

  /** Deletes a tag from a model version. */
  public void deleteModelVersionTag(String name, String version, String key) {
    run(() -> registry.deleteModelVersionTag(
        new DeleteModelVersionTagRequest().name(name).version(version).key(key)));
  }

  /** Points {@code alias} at a version of a registered model (moving it if it exists). */
  public void setRegisteredModelAlias(String name, String alias, String version) {
    run(() -> registry.setRegisteredModelAlias(
        new SetRegisteredModelAliasRequest().name(name).alias(alias).version(version).userId(userId)));
  }

  /** Removes an alias from a registered model. */
  public void deleteRegisteredModelAlias(String name, String alias) {
    run(() -> registry.deleteRegisteredModelAlias(
        new DeleteRegisteredModelAliasRequest().name(name).alias(alias).userId(userId)));
  }

  /** The model version an alias points at. */
  public ModelVersion getModelVersionByAlias(String name, String alias) {
    return call(() -> registry.getModelVersionByAlias(name, alias)).getModelVersion();
  }

  /**
   * Every registry change (the audit trail) matching the filters, oldest first, fetched across
   * all pages. Each filter may be null; times are milliseconds since the epoch, inclusive.
   */
  public List<RegistryEvent> getRegistryHistory(
      String name, String version, RegistryAction action, Long startTime, Long endTime) {
    List<RegistryEvent> events = new ArrayList<>();
    String token = null;
    do {
      String pageToken = token;
      GetRegistryHistoryResponse page =
          call(() -> registry.getRegistryHistory(
              name, version, action, startTime, endTime, (long) registryHistoryPageSize, pageToken));
      if (page.getEvents() != null) {
        events.addAll(page.getEvents());
      }
      token = page.getNextPageToken();
    } while (token != null && !token.isEmpty());
    return events;
  }

  /** Nothing to release: connections are pooled by the JDK's HTTP client. */
  @Override
  public void close() {}

  // ---- Plumbing ---------------------------------------------------------------------------

  @FunctionalInterface
  private interface ApiCall<T> {
    T call() throws ApiException;
  }

  /** An operation whose answer is empty (generated as {@code void} or {@code Object}). */
  @FunctionalInterface
  private interface ApiRun {
    void run() throws ApiException;
  }

  private static void run(ApiRun r) {
    try {
      r.run();
    } catch (ApiException e) {
      throw TracklineException.fromApiException(e);
    }
  }

  private static <T> T call(ApiCall<T> c) {
    try {
      return c.call();
    } catch (ApiException e) {
      throw TracklineException.fromApiException(e);
    }
  }

  static String version() {
    String v = TracklineClient.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }

  /** Settings of a {@link TracklineClient}; unset ones come from the environment. */
  public static final class Builder {
    private String trackingUri;
    private String token;
    private String username;
    private String password;
    private String userId = System.getProperty("user.name");
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(120);
    private int maxRetries = 5;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(16);
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private int historyPageSize = 25000;
    private int registryHistoryPageSize = 1000;

    Builder(Map<String, String> env) {
      trackingUri = firstSet(env.get("TRACKLINE_TRACKING_URI"), env.get("MLFLOW_TRACKING_URI"));
      token = blankToNull(env.get("MLFLOW_TRACKING_TOKEN"));
      username = blankToNull(env.get("MLFLOW_TRACKING_USERNAME"));
      password = blankToNull(env.get("MLFLOW_TRACKING_PASSWORD"));
      String timeout = blankToNull(env.get("MLFLOW_HTTP_REQUEST_TIMEOUT"));
      if (timeout != null) {
        requestTimeout = Duration.ofSeconds(parsePositive("MLFLOW_HTTP_REQUEST_TIMEOUT", timeout));
      }
      String retries = blankToNull(env.get("MLFLOW_HTTP_REQUEST_MAX_RETRIES"));
      if (retries != null) {
        maxRetries = (int) parseNonNegative("MLFLOW_HTTP_REQUEST_MAX_RETRIES", retries);
      }
    }

    /** The server's base URI, {@code http://host:port} (a path prefix is allowed). */
    public Builder trackingUri(String trackingUri) {
      this.trackingUri = trackingUri;
      return this;
    }

    /** Authenticate with {@code Authorization: Bearer <token>}. */
    public Builder token(String token) {
      this.token = token;
      this.username = null;
      this.password = null;
      return this;
    }

    /** Authenticate with HTTP basic auth. */
    public Builder basicAuth(String username, String password) {
      this.username = username;
      this.password = password;
      this.token = null;
      return this;
    }

    /**
     * The {@code user_id} sent with model registry changes (default: the OS user). A server that
     * authenticates requests records the authenticated user instead.
     */
    public Builder userId(String userId) {
      this.userId = userId;
      return this;
    }

    /** How long to wait for a connection (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = requirePositive(timeout, "connectTimeout");
      return this;
    }

    /** How long to wait for each answer (default 120 s). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = requirePositive(timeout, "requestTimeout");
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
      this.initialBackoff = requirePositive(initial, "initial backoff");
      this.maxBackoff = requirePositive(max, "max backoff");
      return this;
    }

    /** The longest {@code Retry-After} the client waits for (default 60 s). */
    public Builder maxRetryAfter(Duration max) {
      this.maxRetryAfter = requirePositive(max, "maxRetryAfter");
      return this;
    }

    /** The page size used when fetching a whole metric history (tests use small pages). */
    Builder historyPageSize(int pageSize) {
      this.historyPageSize = pageSize;
      return this;
    }

    /** The page size used when fetching the whole registry history (tests use small pages). */
    Builder registryHistoryPageSize(int pageSize) {
      this.registryHistoryPageSize = pageSize;
      return this;
    }

    public TracklineClient build() {
      return new TracklineClient(this);
    }

    String validatedUri() {
      if (trackingUri == null || trackingUri.isBlank()) {
        throw new TracklineException(
            TracklineException.INVALID_CONFIGURATION,
            0,
            "no tracking URI: set TRACKLINE_TRACKING_URI or MLFLOW_TRACKING_URI, or pass one");
      }
      String uri = trackingUri.trim();
      while (uri.endsWith("/")) {
        uri = uri.substring(0, uri.length() - 1);
      }
      URI parsed;
      try {
        parsed = URI.create(uri);
      } catch (IllegalArgumentException e) {
        throw new TracklineException(
            TracklineException.INVALID_CONFIGURATION, 0, "bad tracking URI: " + uri, e);
      }
      String scheme = parsed.getScheme();
      if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          || parsed.getHost() == null) {
        throw new TracklineException(
            TracklineException.INVALID_CONFIGURATION,
            0,
            "the tracking URI must be http(s)://host[:port][/path], got: " + uri);
      }
      return uri;
    }

    String authorizationHeader() {
      if (username != null && password != null) {
        String pair = username + ":" + password;
        return "Basic "
            + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
      }
      if (token != null) {
        return "Bearer " + token;
      }
      return null;
    }

    private static Duration requirePositive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return d;
    }

    private static long parsePositive(String name, String value) {
      long n = parseNonNegative(name, value);
      if (n == 0) {
        throw new TracklineException(
            TracklineException.INVALID_CONFIGURATION, 0, name + " must be positive");
      }
      return n;
    }

    private static long parseNonNegative(String name, String value) {
      try {
        long n = Long.parseLong(value.trim());
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new TracklineException(
          TracklineException.INVALID_CONFIGURATION,
          0,
          name + " must be a whole number >= 0, got: " + value);
    }

    private static String firstSet(String a, String b) {
      return blankToNull(a) != null ? a.trim() : blankToNull(b);
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s;
    }
  }
}
