package dev.trackline.client;

import dev.trackline.client.api.ArtifactsApi;
import dev.trackline.client.model.ListArtifactsProxyResponse;
import dev.trackline.client.model.UploadMultipartPartResponse;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A run's artifacts, through the server's {@code mlflow-artifacts} proxy: upload files and
 * directory trees, list directories, download files and trees. Files are streamed from and to
 * disk, never held in memory.
 */
final class Artifacts {
  private final ArtifactsApi api;
  private final Runs runs;

  Artifacts(Transport transport, Runs runs) {
    this.api = new ArtifactsApi(transport);
    this.runs = runs;
  }

  /** The entries of one directory of a run's artifacts, with run-relative paths. */
  List<FileInfo> list(String runId, String artifactPath) {
    return listDirectory(runRoot(runId), ArtifactPaths.clean(artifactPath));
  }

  /**
   * Downloads a run's artifact (a file, or a directory with everything below it; all of them
   * when {@code artifactPath} is null) into a new temporary directory and returns the local file
   * or directory, named like the artifact.
   */
  File download(String runId, String artifactPath) {
    String root = runRoot(runId);
    String path = ArtifactPaths.clean(artifactPath);
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
    FileInfo entry =
        listDirectory(root, ArtifactPaths.parent(path)).stream()
            .filter(f -> f.getPath().equals(path))
            .findFirst()
            .orElseThrow(() -> new TracklineException(
                "RESOURCE_DOES_NOT_EXIST", 404, "no artifact " + path + " in run " + runId));
    if (entry.isDir()) {
      downloadDirectory(root, path, destination);
    } else {
      downloadFile(ArtifactPaths.join(root, path), local(destination, path));
    }
    return local(destination, path).toFile();
  }

  /** Uploads a file, or each file of a directory under the directory's name, below {@code artifactPath}. */
  void logArtifact(String runId, File localFile, String artifactPath) {
    String target = ArtifactPaths.join(artifactPath, localFile.getName());
    if (localFile.isDirectory()) {
      logArtifacts(runId, localFile, target);
    } else {
      upload(ArtifactPaths.join(runRoot(runId), target), localFile.toPath());
    }
  }

  /** Uploads every file below a local directory to {@code artifactPath} (null for the root). */
  void logArtifacts(String runId, File localDir, String artifactPath) {
    String root = ArtifactPaths.join(runRoot(runId), artifactPath);
    Path base = localDir.toPath();
    try (Stream<Path> files = Files.walk(base)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String relative = base.relativize(file).toString().replace(File.separatorChar, '/');
        upload(ArtifactPaths.join(root, relative), file);
      }
    } catch (IOException e) {
      throw new TracklineException(
          "INVALID_PARAMETER_VALUE", 0, "cannot read " + localDir + ": " + e.getMessage(), e);
    }
  }

  /** Uploads a local file to {@code path} in the artifact store, replacing what is there. */
  void upload(String path, Path localFile) {
    api.uploadArtifact(path, localFile.toFile());
  }

  /** Uploads one part of a multipart upload. */
  UploadMultipartPartResponse uploadPart(String path, String uploadId, int partNumber, Path localFile) {
    return api.uploadMultipartPart(uploadId, partNumber, path, localFile.toFile());
  }

  /** Downloads the file at {@code path} in the artifact store into a new temporary file. */
  Path download(String path) {
    return api.downloadArtifact(path).toPath();
  }

  private List<FileInfo> listDirectory(String root, String relativeDir) {
    ListArtifactsProxyResponse listing = api.listArtifactsProxy(ArtifactPaths.join(root, relativeDir));
    List<FileInfo> files = new ArrayList<>();
    if (listing.getFiles() != null) {
      for (dev.trackline.client.model.FileInfo f : listing.getFiles()) {
        String path = ArtifactPaths.join(relativeDir, ArtifactPaths.name(f.getPath()));
        files.add(new FileInfo(path, Boolean.TRUE.equals(f.getIsDir()), f.getFileSize()));
      }
    }
    return files;
  }

  private void downloadDirectory(String root, String relativeDir, Path destination) {
    Path dir = local(destination, relativeDir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new TracklineException("INTERNAL_ERROR", 0, "cannot create " + dir + ": " + e, e);
    }
    for (FileInfo f : listDirectory(root, relativeDir)) {
      if (f.isDir()) {
        downloadDirectory(root, f.getPath(), destination);
      } else {
        downloadFile(ArtifactPaths.join(root, f.getPath()), local(destination, f.getPath()));
      }
    }
  }

  /** Downloads the file at {@code path} in the artifact store to {@code target}. */
  private void downloadFile(String path, Path target) {
    Path downloaded = download(path);
    try {
      Files.createDirectories(target.getParent());
      Files.move(downloaded, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      downloaded.toFile().delete();
      throw new TracklineException("INTERNAL_ERROR", 0, "cannot write " + target + ": " + e, e);
    }
  }

  private static Path local(Path destination, String relativePath) {
    return destination.resolve(relativePath.replace('/', File.separatorChar));
  }

  private String runRoot(String runId) {
    return ArtifactPaths.proxyRoot(runs.get(runId).getInfo().getArtifactUri());
  }
}
