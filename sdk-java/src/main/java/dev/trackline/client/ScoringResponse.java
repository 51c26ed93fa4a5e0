package dev.trackline.client;

import java.util.Optional;

/**
 * A scoring server's answer to an invocation: the predictions, and which served model (and
 * version) gave them.
 */
public final class ScoringResponse {
  private final Object predictions;
  private final String model;
  private final String modelVersion;

  ScoringResponse(Object predictions, String model, String modelVersion) {
    this.predictions = predictions;
    this.model = model;
    this.modelVersion = modelVersion;
  }

  /**
   * The {@code predictions} of the answer as Jackson reads untyped JSON: a {@code List} for a list
   * (of numbers, strings, or row {@code Map}s for a table), a {@code Map}, a number or a string;
   * missing values are null.
   */
  public Object getPredictions() {
    return predictions;
  }

  /** The served model that answered ({@code X-Trackline-Model}); empty from MLflow's server. */
  public Optional<String> getModel() {
    return Optional.ofNullable(model);
  }

  /** Its version ({@code X-Trackline-Model-Version}); empty from MLflow's server. */
  public Optional<String> getModelVersion() {
    return Optional.ofNullable(modelVersion);
  }

  @Override
  public String toString() {
    return "ScoringResponse{model=" + model + ", version=" + modelVersion + ", predictions=" + predictions + "}";
  }
}
