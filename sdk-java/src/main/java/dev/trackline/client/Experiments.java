package dev.trackline.client;

import dev.trackline.client.api.ExperimentsApi;
import dev.trackline.client.model.CreateExperimentRequest;
import dev.trackline.client.model.DeleteExperimentTagRequest;
import dev.trackline.client.model.Experiment;
import dev.trackline.client.model.ExperimentIdRequest;
import dev.trackline.client.model.SearchExperimentsRequest;
import dev.trackline.client.model.SearchExperimentsResponse;
import dev.trackline.client.model.SetExperimentTagRequest;
import dev.trackline.client.model.UpdateExperimentRequest;
import dev.trackline.client.model.ViewType;
import java.util.List;
import java.util.Optional;

/** Experiments: create, find, search, rename, delete and restore them; their tags. */
final class Experiments {
  private final ExperimentsApi api;

  Experiments(Transport transport) {
    this.api = new ExperimentsApi(transport);
  }

  String create(CreateExperimentRequest request) {
    return api.createExperiment(request).getExperimentId();
  }

  Experiment get(String experimentId) {
    return api.getExperiment(experimentId).getExperiment();
  }

  Optional<Experiment> getByName(String name) {
    try {
      return Optional.of(api.getExperimentByName(name).getExperiment());
    } catch (TracklineException e) {
      if ("RESOURCE_DOES_NOT_EXIST".equals(e.getErrorCode())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  Page<Experiment> search(
      String filter, ViewType viewType, int maxResults, List<String> orderBy, String pageToken) {
    return Page.fetch(
        pageToken,
        token -> api.searchExperiments(
            new SearchExperimentsRequest()
                .filter(filter)
                .viewType(viewType)
                .maxResults((long) maxResults)
                .orderBy(Lists.copyOrEmpty(orderBy))
                .pageToken(token)),
        SearchExperimentsResponse::getExperiments,
        SearchExperimentsResponse::getNextPageToken);
  }

  void delete(String experimentId) {
    api.deleteExperiment(new ExperimentIdRequest().experimentId(experimentId));
  }

  void restore(String experimentId) {
    api.restoreExperiment(new ExperimentIdRequest().experimentId(experimentId));
  }

  void rename(String experimentId, String newName) {
    api.updateExperiment(new UpdateExperimentRequest().experimentId(experimentId).newName(newName));
  }

  void setTag(String experimentId, String key, String value) {
    api.setExperimentTag(
        new SetExperimentTagRequest().experimentId(experimentId).key(key).value(value));
  }

  void deleteTag(String experimentId, String key) {
    api.deleteExperimentTag(new DeleteExperimentTagRequest().experimentId(experimentId).key(key));
  }
}
