package dev.trackline.client;

import dev.trackline.client.model.CreateExperimentRequest;
import dev.trackline.client.model.CreateModelVersionRequest;
import dev.trackline.client.model.CreateRunRequest;
import dev.trackline.client.model.Experiment;
import dev.trackline.client.model.Metric;
import dev.trackline.client.model.ModelVersion;
import dev.trackline.client.model.Param;
import dev.trackline.client.model.RegisteredModel;
import dev.trackline.client.model.RegistryAction;
import dev.trackline.client.model.RegistryEvent;
import dev.trackline.client.model.Run;
import dev.trackline.client.model.RunInfo;
import dev.trackline.client.model.RunStatus;
import dev.trackline.client.model.RunTag;
import dev.trackline.client.model.UploadMultipartPartResponse;
import dev.trackline.client.model.ViewType;
import java.io.Closeable;
import java.io.File;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * <p>With {@code builder().asyncLogging(true)} (or {@code MLFLOW_ENABLE_ASYNC_LOGGING=true}),
 * {@code logMetric}, {@code logParam}, {@code setTag} and {@code logBatch} queue their values and
 * return at once; a worker thread sends them as log-batch requests, in order. {@link #flush()},
 * {@link #setTerminated} and {@link #close()} wait for them and throw what the server refused.
 *
 * <p>Settings come from {@link #builder()} or the environment ({@code TRACKLINE_TRACKING_URI} or
 * {@code MLFLOW_TRACKING_URI}, credentials, timeout and retries: see {@link Builder}). The work is
 * done by one class per concern (experiments, runs, run logging, artifacts, registered models,
 * model versions) on one {@link Transport}. Instances are thread-safe.
 */
public class TracklineClient implements Closeable {
  private final Transport transport;
  private final Experiments experiments;
  private final Runs runs;
  private final RunLogging logging;
  private final Artifacts artifacts;
  private final RegisteredModels registeredModels;
  private final ModelVersions modelVersions;
  private final AuthClient auth;

  /** A client configured from the environment ({@code TRACKLINE_TRACKING_URI} and friends). */
  public TracklineClient() {
    this(builder());
  }

  /** A client for the server at {@code trackingUri}, other settings from the environment. */
  public TracklineClient(String trackingUri) {
    this(builder().trackingUri(trackingUri));
  }

  private TracklineClient(ClientSettings s) {
    this.transport = new Transport(s.validTrackingUri(), s.connectTimeout,
        s.requestTimeout, s.retryPolicy(), s.credentials);
    this.experiments = new Experiments(transport);
    this.runs = new Runs(transport, s.historyPageSize);
    this.logging = new RunLogging(transport, s.asyncLogging, s.asyncQueueCapacity, s.asyncBatchWindow);
    this.artifacts = new Artifacts(transport, runs);
    this.registeredModels = new RegisteredModels(transport, s.userId, s.registryHistoryPageSize);
    this.modelVersions = new ModelVersions(transport, s.userId);
    this.auth = new AuthClient(transport);
  }

  /** A builder, with defaults read from the environment. */
  public static Builder builder() {
    return new Builder(System.getenv());
  }

  /** The server's base URI. */
  public String getTrackingUri() {
    return transport.getBaseUri();
  }

  /**
   * The configured HTTP layer (auth, timeouts and retries included), for the operations of the
   * spec this class does not wrap: {@code new ModelsApi(client.getTransport())}.
   */
  public Transport getTransport() {
    return transport;
  }

  /**
   * Users, permissions and access tokens of a server with authentication on, sent with this
   * client's credentials.
   */
  public AuthClient auth() {
    return auth;
  }

  /** Creates an experiment and returns its id. */
  public String createExperiment(String name) {
    return createExperiment(new CreateExperimentRequest().name(name));
  }

  /** Creates an experiment (with artifact location and tags, if set) and returns its id. */
  public String createExperiment(CreateExperimentRequest request) {
    return experiments.create(request);
  }

  /** The experiment with this id, deleted ones included. */
  public Experiment getExperiment(String experimentId) {
    return experiments.get(experimentId);
  }

  /** The experiment with this name, or empty when there is none. */
  public Optional<Experiment> getExperimentByName(String name) {
    return experiments.getByName(name);
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
      String searchFilter, ViewType viewType, int maxResults, List<String> orderBy, String pageToken) {
    return experiments.search(searchFilter, viewType, maxResults, orderBy, pageToken);
  }

  /** Marks an experiment and its runs deleted. */
  public void deleteExperiment(String experimentId) {
    experiments.delete(experimentId);
  }

  /** Restores a deleted experiment. */
  public void restoreExperiment(String experimentId) {
    experiments.restore(experimentId);
  }

  /** Renames an experiment. */
  public void renameExperiment(String experimentId, String newName) {
    experiments.rename(experimentId, newName);
  }

  /** Sets a tag on an experiment. */
  public void setExperimentTag(String experimentId, String key, String value) {
    experiments.setTag(experimentId, key, value);
  }

  /** Deletes a tag from an experiment. */
  public void deleteExperimentTag(String experimentId, String key) {
    experiments.deleteTag(experimentId, key);
  }

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

  /** Creates a run as described (experiment, name, start time, tags). */
  public RunInfo createRun(CreateRunRequest request) {
    return runs.create(request);
  }

  /** The run with its latest metrics, params and tags. */
  public Run getRun(String runId) {
    return runs.get(runId);
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
      List<String> experimentIds, String searchFilter, ViewType runViewType, int maxResults,
      List<String> orderBy) {
    return searchRuns(experimentIds, searchFilter, runViewType, maxResults, orderBy, null);
  }

  /** Runs matching {@code searchFilter} in the given order, from {@code pageToken}. */
  public Page<Run> searchRuns(
      List<String> experimentIds, String searchFilter, ViewType runViewType, int maxResults,
      List<String> orderBy, String pageToken) {
    return runs.search(experimentIds, searchFilter, runViewType, maxResults, orderBy, pageToken);
  }

  /** Ends a run as {@code FINISHED}, now. */
  public void setTerminated(String runId) {
    setTerminated(runId, RunStatus.FINISHED);
  }

  /** Ends a run with this status, now. */
  public void setTerminated(String runId, RunStatus status) {
    setTerminated(runId, status, System.currentTimeMillis());
  }

  /**
   * Ends a run with this status and end time. With asynchronous logging, the queued calls are sent
   * first; if any failed, the run is ended all the same and their exception is thrown.
   */
  public void setTerminated(String runId, RunStatus status, long endTime) {
    TracklineException queuedFailed = null;
    try {
      logging.flush();
    } catch (TracklineException e) {
      queuedFailed = e;
    }
    try {
      runs.setTerminated(runId, status, endTime);
    } catch (TracklineException e) {
      if (queuedFailed == null) {
        throw e;
      }
      queuedFailed.addSuppressed(e);
    }
    if (queuedFailed != null) {
      throw queuedFailed;
    }
  }

  /** Marks a run deleted. */
  public void deleteRun(String runId) {
    runs.delete(runId);
  }

  /** Restores a deleted run. */
  public void restoreRun(String runId) {
    runs.restore(runId);
  }

  /** Every logged value of a metric, in (step, timestamp) order, fetched across all pages. */
  public List<Metric> getMetricHistory(String runId, String key) {
    return runs.metricHistory(runId, key);
  }

  /** Whether logging calls are queued and sent by a worker thread ({@link Builder#asyncLogging}). */
  public boolean isAsyncLogging() {
    return logging.isAsync();
  }

  /**
   * With asynchronous logging: waits until every call queued before it is on the server, then
   * throws the first failure since the last flush (the others added as suppressed), a {@link
   * TracklineException} with the server's error code and status whose message names the call
   * ({@code queued call #12 logParam("run", "alpha", "0.7") was not logged: ...}). Without, it does
   * nothing.
   */
  public void flush() {
    logging.flush();
  }

  /** Logs a parameter (immutable once logged). */
  public void logParam(String runId, String key, String value) {
    logging.logParam(runId, key, value);
  }

  /** Logs a metric value at step 0, timestamped now. */
  public void logMetric(String runId, String key, double value) {
    logMetric(runId, key, value, System.currentTimeMillis(), 0);
  }

  /** Logs a metric value with its timestamp (ms since the epoch) and step. */
  public void logMetric(String runId, String key, double value, long timestamp, long step) {
    logging.logMetric(runId, key, value, timestamp, step);
  }

  /** Sets a tag on a run. */
  public void setTag(String runId, String key, String value) {
    logging.setTag(runId, key, value);
  }

  /** Deletes a tag from a run. */
  public void deleteTag(String runId, String key) {
    logging.deleteTag(runId, key);
  }

  /**
   * Logs metrics, params and tags, any number of each (each may be null). They are sent in as
   * few requests as the server's limits allow (1000 metrics, 100 params, 100 tags, 1000 entries
   * per request); each request is stored whole or not at all. Metrics without a timestamp get
   * the current time, without a step step 0.
   */
  public void logBatch(
      String runId, Iterable<Metric> metrics, Iterable<Param> params, Iterable<RunTag> tags) {
    logging.logBatch(runId, metrics, params, tags);
  }

  /** The entries at the root of a run's artifacts (not recursive). */
  public List<FileInfo> listArtifacts(String runId) {
    return listArtifacts(runId, null);
  }

  /**
   * The entries of one directory of a run's artifacts (not recursive), with paths relative to
   * the run's artifact root, as the server's artifact proxy lists them.
   */
  public List<FileInfo> listArtifacts(String runId, String artifactPath) {
    return artifacts.list(runId, artifactPath);
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
    return artifacts.download(runId, artifactPath);
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
    artifacts.logArtifact(runId, localFile, artifactPath);
  }

  /** Uploads every file below a local directory to the run's artifacts root. */
  public void logArtifacts(String runId, File localDir) {
    logArtifacts(runId, localDir, null);
  }

  /** Uploads every file below a local directory to {@code artifactPath} within the run's artifacts. */
  public void logArtifacts(String runId, File localDir, String artifactPath) {
    artifacts.logArtifacts(runId, localDir, artifactPath);
  }

  /**
   * Uploads a local file to {@code path} in the server's artifact store ({@code
   * mlflow-artifacts} proxy), replacing what is there. The file is streamed, not loaded.
   */
  public void uploadArtifact(String path, Path localFile) {
    artifacts.upload(path, localFile);
  }

  /** Uploads one part of a multipart upload started with {@code createMultipartUpload}. */
  public UploadMultipartPartResponse uploadMultipartPart(
      String path, String uploadId, int partNumber, Path localFile) {
    return artifacts.uploadPart(path, uploadId, partNumber, localFile);
  }

  /**
   * Downloads the file at {@code path} in the server's artifact store into a new temporary file
   * (streamed) and returns it; the caller owns the file.
   */
  public Path downloadArtifact(String path) {
    return artifacts.download(path);
  }

  /** Registers a model name. */
  public RegisteredModel createRegisteredModel(String name) {
    return createRegisteredModel(name, null, null);
  }

  /** Registers a model name with tags (may be null) and a description (may be null). */
  public RegisteredModel createRegisteredModel(
      String name, Map<String, String> tags, String description) {
    return registeredModels.create(name, tags, description);
  }

  /** The registered model with its latest versions, aliases and tags. */
  public RegisteredModel getRegisteredModel(String name) {
    return registeredModels.get(name);
  }

  /** Renames a registered model (its versions follow). */
  public RegisteredModel renameRegisteredModel(String name, String newName) {
    return registeredModels.rename(name, newName);
  }

  /** Sets a registered model's description. */
  public RegisteredModel updateRegisteredModel(String name, String description) {
    return registeredModels.update(name, description);
  }

  /** Deletes a registered model and all its versions. */
  public void deleteRegisteredModel(String name) {
    registeredModels.delete(name);
  }

  /** Registered models matching {@code filter} (may be null), first page of up to 100. */
  public Page<RegisteredModel> searchRegisteredModels(String filter) {
    return searchRegisteredModels(filter, 100, Collections.emptyList(), null);
  }

  /** Registered models matching {@code filter} in the given order, from {@code pageToken}. */
  public Page<RegisteredModel> searchRegisteredModels(
      String filter, int maxResults, List<String> orderBy, String pageToken) {
    return registeredModels.search(filter, maxResults, orderBy, pageToken);
  }

  /** The latest version of a model in each stage (every stage when {@code stages} is empty). */
  public List<ModelVersion> getLatestVersions(String name, List<String> stages) {
    return registeredModels.latestVersions(name, stages);
  }

  /** The latest version of a model in each stage. */
  public List<ModelVersion> getLatestVersions(String name) {
    return getLatestVersions(name, null);
  }

  /** Sets a tag on a registered model. */
  public void setRegisteredModelTag(String name, String key, String value) {
    registeredModels.setTag(name, key, value);
  }

  /** Deletes a tag from a registered model. */
  public void deleteRegisteredModelTag(String name, String key) {
    registeredModels.deleteTag(name, key);
  }

  /** Points {@code alias} at a version of a registered model (moving it if it exists). */
  public void setRegisteredModelAlias(String name, String alias, String version) {
    registeredModels.setAlias(name, alias, version);
  }

  /** Removes an alias from a registered model. */
  public void deleteRegisteredModelAlias(String name, String alias) {
    registeredModels.deleteAlias(name, alias);
  }

  /** The model version an alias points at. */
  public ModelVersion getModelVersionByAlias(String name, String alias) {
    return registeredModels.versionByAlias(name, alias);
  }

  /**
   * Every registry change (the audit trail) matching the filters, oldest first, fetched across
   * all pages. Each filter may be null; times are milliseconds since the epoch, inclusive.
   */
  public List<RegistryEvent> getRegistryHistory(
      String name, String version, RegistryAction action, Long startTime, Long endTime) {
    return registeredModels.history(name, version, action, startTime, endTime);
  }

  /** Creates a new version of a registered model from {@code source}, logged by {@code runId}. */
  public ModelVersion createModelVersion(String name, String source, String runId) {
    return createModelVersion(
        new CreateModelVersionRequest().name(name).source(source).runId(runId));
  }

  /** Creates a model version as described (tags, description, run link, ...). */
  public ModelVersion createModelVersion(CreateModelVersionRequest request) {
    return modelVersions.create(request);
  }

  /** One version of a registered model. */
  public ModelVersion getModelVersion(String name, String version) {
    return modelVersions.get(name, version);
  }

  /** Sets a model version's description. */
  public ModelVersion updateModelVersion(String name, String version, String description) {
    return modelVersions.update(name, version, description);
  }

  /** Deletes a model version. */
  public void deleteModelVersion(String name, String version) {
    modelVersions.delete(name, version);
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
    return modelVersions.transitionStage(name, version, stage, archiveExistingVersions, comment);
  }

  /** Model versions matching {@code filter} (may be null), first page of up to 1000. */
  public Page<ModelVersion> searchModelVersions(String filter) {
    return searchModelVersions(filter, 1000, Collections.emptyList(), null);
  }

  /** Model versions matching {@code filter} in the given order, from {@code pageToken}. */
  public Page<ModelVersion> searchModelVersions(
      String filter, int maxResults, List<String> orderBy, String pageToken) {
    return modelVersions.search(filter, maxResults, orderBy, pageToken);
  }

  /** Where a model version's files are. */
  public String getModelVersionDownloadUri(String name, String version) {
    return modelVersions.downloadUri(name, version);
  }

  /** Sets a tag on a model version. */
  public void setModelVersionTag(String name, String version, String key, String value) {
    modelVersions.setTag(name, version, key, value);
  }

  /** Deletes a tag from a model version. */
  public void deleteModelVersionTag(String name, String version, String key) {
    modelVersions.deleteTag(name, version, key);
  }

  /**
   * Flushes queued logging calls (throwing their failures, see {@link #flush()}) and stops the
   * worker thread of asynchronous logging; a later logging call starts it again. Connections are
   * pooled by the JDK's HTTP client: there is nothing else to release.
   */
  @Override
  public void close() {
    logging.close();
  }

  /**
   * Settings of a {@link TracklineClient}; unset ones come from the environment: {@code
   * TRACKLINE_TRACKING_URI} or {@code MLFLOW_TRACKING_URI}; {@code MLFLOW_TRACKING_TOKEN} (bearer)
   * or {@code MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD} (basic); {@code
   * MLFLOW_HTTP_REQUEST_TIMEOUT} (seconds), {@code MLFLOW_HTTP_REQUEST_MAX_RETRIES} and {@code
   * MLFLOW_ENABLE_ASYNC_LOGGING}.
   */
  public static final class Builder extends ClientSettings {
    Builder(Map<String, String> env) {
      super(env);
    }

    @Override
    Builder self() {
      return this;
    }

    public TracklineClient build() {
      return new TracklineClient(this);
    }
  }
}
