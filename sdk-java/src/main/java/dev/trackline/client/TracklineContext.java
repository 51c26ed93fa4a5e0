package dev.trackline.client;

import dev.trackline.client.model.CreateRunRequest;
import dev.trackline.client.model.RunInfo;
import dev.trackline.client.model.RunStatus;
import dev.trackline.client.model.RunTag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The fluent entry point, like MLflow's {@code MlflowContext}: it holds a client and the
 * experiment new runs go to, and starts {@link ActiveRun}s.
 *
 * <pre>{@code
 * TracklineContext context = new TracklineContext().setExperimentName("churn-model");
 * context.withActiveRun("train", run -> {
 *   run.logParam("alpha", "0.5");
 *   run.logMetric("rmse", 0.71, 1);
 * });
 * }</pre>
 *
 * <p>The experiment defaults to {@code MLFLOW_EXPERIMENT_ID}, else {@code MLFLOW_EXPERIMENT_NAME}
 * (created if missing), else {@code "0"}. There is no global active run: nest runs by passing the
 * parent's id.
 */
public final class TracklineContext {
  private final TracklineClient client;
  private volatile String experimentId;
  private volatile String pendingExperimentName;

  /** A context on a client configured from the environment. */
  public TracklineContext() {
    this(new TracklineClient());
  }

  /** A context on a client for this tracking URI. */
  public TracklineContext(String trackingUri) {
    this(new TracklineClient(trackingUri));
  }

  /** A context on this client. */
  public TracklineContext(TracklineClient client) {
    this(client, System.getenv());
  }

  TracklineContext(TracklineClient client, Map<String, String> env) {
    this.client = client;
    String id = env.get("MLFLOW_EXPERIMENT_ID");
    String name = env.get("MLFLOW_EXPERIMENT_NAME");
    if (id != null && !id.isBlank()) {
      experimentId = id.trim();
    } else if (name != null && !name.isBlank()) {
      pendingExperimentName = name;
    } else {
      experimentId = "0";
    }
  }

  public TracklineClient getClient() {
    return client;
  }

  /**
   * Makes new runs go to the experiment with this name, creating it when it does not exist (as
   * Python's and R's {@code set_experiment} do; MLflow's Java client throws instead).
   */
  public TracklineContext setExperimentName(String experimentName) {
    this.experimentId = resolve(experimentName);
    this.pendingExperimentName = null;
    return this;
  }

  /** Makes new runs go to the experiment with this id. */
  public TracklineContext setExperimentId(String experimentId) {
    this.experimentId = experimentId;
    this.pendingExperimentName = null;
    return this;
  }

  /** The id of the experiment new runs go to. */
  public String getExperimentId() {
    String pending = pendingExperimentName;
    if (pending != null) {
      synchronized (this) {
        if (pendingExperimentName != null) {
          experimentId = resolve(pendingExperimentName);
          pendingExperimentName = null;
        }
      }
    }
    return experimentId;
  }

  private String resolve(String experimentName) {
    return client
        .getExperimentByName(experimentName)
        .map(e -> e.getExperimentId())
        .orElseGet(
            () -> {
              try {
                return client.createExperiment(experimentName);
              } catch (TracklineException e) {
                if (!"RESOURCE_ALREADY_EXISTS".equals(e.getErrorCode())) {
                  throw e;
                }
                // Created meanwhile by someone else.
                return client.getExperimentByName(experimentName).orElseThrow(() -> e).getExperimentId();
              }
            });
  }

  /** Starts a run with a generated name. */
  public ActiveRun startRun() {
    return startRun(null, null);
  }

  /** Starts a run with this name. */
  public ActiveRun startRun(String runName) {
    return startRun(runName, null);
  }

  /** Starts a run with this name, nested under the run {@code parentRunId} (may be null). */
  public ActiveRun startRun(String runName, String parentRunId) {
    List<RunTag> tags = new ArrayList<>();
    String user = System.getProperty("user.name");
    if (user != null) {
      tags.add(new RunTag().key("mlflow.user").value(user));
    }
    tags.add(new RunTag().key("mlflow.source.type").value("LOCAL"));
    if (parentRunId != null) {
      tags.add(new RunTag().key("mlflow.parentRunId").value(parentRunId));
    }
    CreateRunRequest request =
        new CreateRunRequest()
            .experimentId(getExperimentId())
            .startTime(System.currentTimeMillis())
            .userId(user)
            .runName(runName)
            .tags(tags);
    RunInfo info = client.createRun(request);
    return new ActiveRun(client, info);
  }

  /**
   * Starts a run, gives it to {@code body} and ends it {@code FINISHED}; if {@code body} throws,
   * the run ends {@code FAILED} and the exception is re-thrown (MLflow's Java client swallows it).
   */
  public void withActiveRun(Consumer<ActiveRun> body) {
    withActiveRun(null, body);
  }

  /** Like {@link #withActiveRun(Consumer)}, with a run name. */
  public void withActiveRun(String runName, Consumer<ActiveRun> body) {
    ActiveRun run = startRun(runName);
    try {
      body.accept(run);
    } catch (RuntimeException | Error e) {
      try {
        run.endRun(RunStatus.FAILED);
      } catch (RuntimeException endFailed) {
        e.addSuppressed(endFailed);
      }
      throw e;
    }
    run.endRun(RunStatus.FINISHED);
  }
}
