package dev.trackline.client;

import dev.trackline.client.api.RegistryApi;
import dev.trackline.client.model.CreateModelVersionRequest;
import dev.trackline.client.model.DeleteModelVersionTagRequest;
import dev.trackline.client.model.ModelVersion;
import dev.trackline.client.model.ModelVersionRequest;
import dev.trackline.client.model.SearchModelVersionsResponse;
import dev.trackline.client.model.SetModelVersionTagRequest;
import dev.trackline.client.model.TransitionModelVersionStageRequest;
import dev.trackline.client.model.UpdateModelVersionRequest;
import java.util.List;

/**
 * Versions of registered models: create, read, describe, move between stages, search, delete
 * them; their tags and download URIs. Changes carry {@code user_id}.
 */
final class ModelVersions {
  private final RegistryApi api;
  private final String userId;

  ModelVersions(Transport transport, String userId) {
    this.api = new RegistryApi(transport);
    this.userId = userId;
  }

  ModelVersion create(CreateModelVersionRequest request) {
    if (request.getUserId() == null) {
      request.setUserId(userId);
    }
    return api.createModelVersion(request).getModelVersion();
  }

  ModelVersion get(String name, String version) {
    return api.getModelVersion(name, version).getModelVersion();
  }

  ModelVersion update(String name, String version, String description) {
    return api.updateModelVersion(
            new UpdateModelVersionRequest().name(name).version(version).description(description))
        .getModelVersion();
  }

  void delete(String name, String version) {
    api.deleteModelVersion(new ModelVersionRequest().name(name).version(version).userId(userId));
  }

  ModelVersion transitionStage(
      String name, String version, String stage, boolean archiveExistingVersions, String comment) {
    TransitionModelVersionStageRequest request =
        new TransitionModelVersionStageRequest()
            .name(name)
            .version(version)
            .stage(stage)
            .archiveExistingVersions(archiveExistingVersions)
            .userId(userId)
            .comment(comment);
    return api.transitionModelVersionStage(request).getModelVersion();
  }

  Page<ModelVersion> search(String filter, int maxResults, List<String> orderBy, String pageToken) {
    return Page.fetch(
        pageToken,
        token -> api.searchModelVersions(filter, (long) maxResults, Lists.copyOrNull(orderBy), token),
        SearchModelVersionsResponse::getModelVersions,
        SearchModelVersionsResponse::getNextPageToken);
  }

  String downloadUri(String name, String version) {
    return api.getModelVersionDownloadUri(name, version).getArtifactUri();
  }

  void setTag(String name, String version, String key, String value) {
    api.setModelVersionTag(
        new SetModelVersionTagRequest().name(name).version(version).key(key).value(value));
  }

  void deleteTag(String name, String version, String key) {
    api.deleteModelVersionTag(
        new DeleteModelVersionTagRequest().name(name).version(version).key(key));
  }
}
