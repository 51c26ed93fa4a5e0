package dev.trackline.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Artifacts go through the server's artifact proxy: no Python, bytes unchanged. */
@ExtendWith(LiveServer.class)
class ArtifactsTest {
  private final TracklineClient client;

  ArtifactsTest(TracklineClient client) {
    this.client = client;
  }

  @Test
  void logArtifactsAndDownloadThemBack(@TempDir Path tmp) throws Exception {
    String experimentId = client.createExperiment(Names.unique("artifacts"));
    String runId = client.createRun(experimentId).getRunId();

    byte[] bytes = new byte[256 * 1024];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    Path model = Files.write(tmp.resolve("model.bin"), bytes);
    client.logArtifact(runId, model.toFile());

    Path dir = Files.createDirectories(tmp.resolve("data"));
    Files.write(dir.resolve("a.txt"), "abc".getBytes(StandardCharsets.UTF_8));
    Files.createDirectories(dir.resolve("sub"));
    Files.write(dir.resolve("sub").resolve("b.txt"), "caf\u00e9".getBytes(StandardCharsets.UTF_8));
    client.logArtifacts(runId, dir.toFile(), "inputs");
    client.logArtifact(runId, dir.toFile());

    assertEquals(Map.of("data", -1L, "inputs", -1L, "model.bin", (long) bytes.length), listing(runId, null));
    assertEquals(Map.of("inputs/a.txt", 3L, "inputs/sub", -1L), listing(runId, "inputs"));
    assertEquals(Map.of("data/sub/b.txt", 5L), listing(runId, "data/sub"));

    String root = client.getRun(runId).getInfo().getArtifactUri().replaceFirst("^mlflow-artifacts:/+", "");
    Path downloaded = client.downloadArtifact(root + "/model.bin");
    try {
      assertArrayEquals(bytes, Files.readAllBytes(downloaded));
    } finally {
      Files.deleteIfExists(downloaded);
    }
    Path text = client.downloadArtifact(root + "/data/sub/b.txt");
    assertEquals("caf\u00e9", new String(Files.readAllBytes(text), StandardCharsets.UTF_8));
    Files.deleteIfExists(text);

    TracklineException missing = assertThrows(TracklineException.class,
        () -> client.downloadArtifact(root + "/nothing.txt"));
    assertEquals("RESOURCE_DOES_NOT_EXIST", missing.getErrorCode());
  }

  private Map<String, Long> listing(String runId, String path) {
    List<FileInfo> files = client.listArtifacts(runId, path);
    Map<String, Long> sizes = new TreeMap<>();
    for (FileInfo f : files) {
      sizes.put(f.getPath(), f.isDir() ? -1L : f.getFileSize());
    }
    return sizes;
  }
}
