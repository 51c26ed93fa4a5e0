package dev.trackline.client;

import dev.trackline.client.api.RegistryApi;
import dev.trackline.client.model.CreateRegisteredModelRequest;
import dev.trackline.client.model.DeleteRegisteredModelAliasRequest;
import dev.trackline.client.model.DeleteRegisteredModelTagRequest;
import dev.trackline.client.model.GetLatestVersionsRequest;
import dev.trackline.client.model.GetRegistryHistoryResponse;
import dev.trackline.client.model.ModelVersion;
import dev.trackline.client.model.RegisteredModel;
import dev.trackline.client.model.RegisteredModelNameRequest;
import dev.trackline.client.model.RegisteredModelTag;
import dev.trackline.client.model.RegistryAction;
import dev.trackline.client.model.RegistryEvent;
import dev.trackline.client.model.RenameRegisteredModelRequest;
import dev.trackline.client.model.SearchRegisteredModelsResponse;
import dev.trackline.client.model.SetRegisteredModelAliasRequest;
import dev.trackline.client.model.SetRegisteredModelTagRequest;
import dev.trackline.client.model.UpdateRegisteredModelRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Registered models of the model registry: names, descriptions, tags, aliases, their latest
 * versions, and the registry's audit trail. Changes carry {@code user_id}.
 */
final class RegisteredModels {
  private final RegistryApi api;
  private final String userId;
  private final int historyPageSize;

  RegisteredModels(Transport transport, String userId, int historyPageSize) {
    this.api = new RegistryApi(transport);
    this.userId = userId;
    this.historyPageSize = historyPageSize;
  }

  RegisteredModel create(String name, Map<String, String> tags, String description) {
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
    return api.createRegisteredModel(request).getRegisteredModel();
  }

  RegisteredModel get(String name) {
    return api.getRegisteredModel(name).getRegisteredModel();
  }

  RegisteredModel rename(String name, String newName) {
    return api.renameRegisteredModel(
            new RenameRegisteredModelRequest().name(name).newName(newName).userId(userId))
        .getRegisteredModel();
  }

  RegisteredModel update(String name, String description) {
    return api.updateRegisteredModel(
            new UpdateRegisteredModelRequest().name(name).description(description))
        .getRegisteredModel();
  }

  void delete(String name) {
    api.deleteRegisteredModel(new RegisteredModelNameRequest().name(name).userId(userId));
  }

  Page<RegisteredModel> search(String filter, int maxResults, List<String> orderBy, String pageToken) {
    return Page.fetch(
        pageToken,
        token -> api.searchRegisteredModels(filter, (long) maxResults, Lists.copyOrNull(orderBy), token),
        SearchRegisteredModelsResponse::getRegisteredModels,
        SearchRegisteredModelsResponse::getNextPageToken);
  }

  List<ModelVersion> latestVersions(String name, List<String> stages) {
    GetLatestVersionsRequest request =
        new GetLatestVersionsRequest().name(name).stages(Lists.copyOrEmpty(stages));
    List<ModelVersion> versions = api.getLatestVersions(request).getModelVersions();
    return versions == null ? Collections.emptyList() : versions;
  }

  void setTag(String name, String key, String value) {
    api.setRegisteredModelTag(new SetRegisteredModelTagRequest().name(name).key(key).value(value));
  }

  void deleteTag(String name, String key) {
    api.deleteRegisteredModelTag(new DeleteRegisteredModelTagRequest().name(name).key(key));
  }

  void setAlias(String name, String alias, String version) {
    api.setRegisteredModelAlias(
        new SetRegisteredModelAliasRequest().name(name).alias(alias).version(version).userId(userId));
  }

  void deleteAlias(String name, String alias) {
    api.deleteRegisteredModelAlias(
        new DeleteRegisteredModelAliasRequest().name(name).alias(alias).userId(userId));
  }

  ModelVersion versionByAlias(String name, String alias) {
    return api.getModelVersionByAlias(name, alias).getModelVersion();
  }

  /** Every registry change matching the filters (each may be null), oldest first, all pages. */
  List<RegistryEvent> history(
      String name, String version, RegistryAction action, Long startTime, Long endTime) {
    return Page.fetch(
            null,
            token -> api.getRegistryHistory(
                name, version, action, startTime, endTime, (long) historyPageSize, token),
            GetRegistryHistoryResponse::getEvents,
            GetRegistryHistoryResponse::getNextPageToken)
        .fetchAll();
  }
}
