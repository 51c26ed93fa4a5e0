package dev.trackline.examples;

import dev.trackline.client.ActiveRun;
import dev.trackline.client.Page;
import dev.trackline.client.TracklineClient;
import dev.trackline.client.TracklineContext;
import dev.trackline.client.model.Metric;
import dev.trackline.client.model.Run;
import dev.trackline.client.model.RunTag;
import dev.trackline.client.model.ViewType;
import java.util.List;
import java.util.Map;

/**
 * Tracks a small "training" the way MLflow's Java samples do: a context, a run in
 * try-with-resources, params, metrics with steps, a nested run, then a search.
 *
 * <p>Run it with {@code MLFLOW_TRACKING_URI} (or {@code TRACKLINE_TRACKING_URI}) pointing at a
 * server; the experiment name is the first argument. It needs nothing but a JVM.
 */
public final class TrackingExample {
  public static void main(String[] args) {
    String experimentName = args.length > 0 ? args[0] : "java-example";
    TracklineContext context = new TracklineContext().setExperimentName(experimentName);
    TracklineClient client = context.getClient();
    String note = "trained on caf\u00e9 data \u2713 \uD83D\uDE80";

    String runId;
    try (ActiveRun run = context.startRun("example-run")) {
      runId = run.getId();
      run.logParam("learning_rate", "0.01");
      run.logParams(Map.of("epochs", "10", "optimizer", "adam"));
      run.setTags(Map.of("framework", "none", "note", note));
      for (int epoch = 0; epoch < 10; epoch++) {
        double loss = 1.0 / (epoch + 1);
        run.logMetric("loss", loss, epoch);
        run.logMetrics(Map.of("accuracy", 1.0 - loss / 2, "epoch_time_s", 0.5), epoch);
      }
      context.withActiveRun("evaluation", child -> child.logMetric("auc", 0.93));
      try (ActiveRun child = context.startRun("export", run.getId())) {
        child.setTag("format", "onnx");
      }
    }

    List<Metric> history = client.getMetricHistory(runId, "loss");
    System.out.println("loss history: " + history.size() + " points, last " + history.get(history.size() - 1).getValue());

    Page<Run> best = client.searchRuns(List.of(context.getExperimentId()), "metrics.accuracy > 0.5",
        ViewType.ACTIVE_ONLY, 10, List.of("metrics.accuracy DESC"));
    for (Run r : best.getItems()) {
      System.out.println("run " + r.getInfo().getRunId() + " " + r.getInfo().getRunName() + " " + r.getInfo().getStatus());
    }

    String noteBack = client.getRun(runId).getData().getTags().stream()
        .filter(t -> t.getKey().equals("note")).map(RunTag::getValue).findFirst().orElse(null);
    boolean intact = note.equals(noteBack);
    System.out.println("note tag read back intact: " + intact);
    if (!intact || best.getItems().isEmpty()) {
      System.exit(1);
    }
  }
}
