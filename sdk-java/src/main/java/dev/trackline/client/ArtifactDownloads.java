package dev.trackline.client;

import dev.trackline.client.invoker.ApiException;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/** Streams files of the server's artifact proxy to disk. */
final class ArtifactDownloads {
  private static final String PROXY = "/api/2.0/mlflow-artifacts/artifacts/";

  private ArtifactDownloads() {}

  /**
   * Downloads the artifact at {@code path} (relative to the proxy's root) into {@code target},
   * written as it arrives ({@code BodyHandlers.ofFile}); an error answer is read as text and
   * thrown as a {@link TracklineException}, leaving no partial file behind.
   */
  static void toFile(TracklineClient client, String path, Path target) {
    AtomicReference<String> errorBody = new AtomicReference<>();
    HttpResponse.BodyHandler<Path> handler =
        info -> {
          if (info.statusCode() == 200) {
            return HttpResponse.BodyHandlers.ofFile(target).apply(info);
          }
          return HttpResponse.BodySubscribers.mapping(
              HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8),
              body -> {
                errorBody.set(body);
                return null;
              });
        };
    try {
      Files.createDirectories(target.getParent());
      HttpResponse<Path> response =
          client.httpClient().send(client.request(PROXY + encodePath(path)).GET().build(), handler);
      if (response.statusCode() != 200) {
        Files.deleteIfExists(target);
        throw TracklineException.fromApiException(
            new ApiException(
                response.statusCode(),
                "download of " + path + " failed",
                response.headers(),
                errorBody.get()));
      }
    } catch (IOException e) {
      throw new TracklineException(
          TracklineException.CONNECTION_ERROR, 0, "download of " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TracklineException(
          TracklineException.CONNECTION_ERROR, 0, "download of " + path + " interrupted", e);
    }
  }

  /** Percent-encodes each segment of a slash-separated path. */
  static String encodePath(String path) {
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return out.toString();
  }
}
