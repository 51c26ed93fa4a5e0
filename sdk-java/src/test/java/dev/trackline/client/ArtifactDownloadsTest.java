package dev.trackline.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Whole artifact trees and a large file go up and come back byte for byte. */
@ExtendWith(LiveServer.class)
class ArtifactDownloadsTest {
  private static final int BIG = 20 * 1024 * 1024 + 12345;
  private final TracklineClient client;

  ArtifactDownloadsTest(TracklineClient client) {
    this.client = client;
  }

  @Test
  void directoryTreeAndLargeFileRoundTrip(@TempDir Path tmp) throws Exception {
    String runId = client.createRun(client.createExperiment(Names.unique("downloads"))).getRunId();

    Path tree = Files.createDirectories(tmp.resolve("model"));
    Files.write(tree.resolve("MLmodel"), "flavors: {}\n".getBytes(StandardCharsets.UTF_8));
    Files.createDirectories(tree.resolve("data/deep"));
    Files.write(tree.resolve("data/weights.txt"), "1 2 3".getBytes(StandardCharsets.UTF_8));
    Files.write(tree.resolve("data/deep/n\u00e4me with space.txt"), "\u00fcml".getBytes(StandardCharsets.UTF_8));
    Path big = tmp.resolve("big.bin");
    String bigSha = writeRandom(big, BIG);

    client.logArtifacts(runId, tree.toFile(), "model");
    client.logArtifact(runId, big.toFile(), "blobs");

    assertEquals(
        List.of(new FileInfo("blobs", true, null), new FileInfo("model", true, null)),
        sorted(client.listArtifacts(runId)));
    assertEquals(
        List.of(new FileInfo("blobs/big.bin", false, (long) BIG)),
        client.listArtifacts(runId, "blobs"));
    assertEquals(
        List.of(new FileInfo("model/data/deep", true, null), new FileInfo("model/data/weights.txt", false, 5L)),
        sorted(client.listArtifacts(runId, "/model/data/")));

    File bigBack = client.downloadArtifacts(runId, "blobs/big.bin");
    assertEquals("big.bin", bigBack.getName());
    assertEquals(BIG, bigBack.length());
    assertEquals(bigSha, sha256(bigBack.toPath()));

    File modelBack = client.downloadArtifacts(runId, "model");
    assertTrue(modelBack.isDirectory());
    assertEquals("model", modelBack.getName());
    assertEquals(contents(tree), contents(modelBack.toPath()));

    File all = client.downloadArtifacts(runId);
    assertEquals(contents(tree), contents(all.toPath().resolve("model")));
    assertEquals(bigSha, sha256(all.toPath().resolve("blobs/big.bin")));

    File one = client.downloadArtifacts(runId, "model/data/deep/n\u00e4me with space.txt");
    assertEquals("\u00fcml", new String(Files.readAllBytes(one.toPath()), StandardCharsets.UTF_8));

    TracklineException missing =
        assertThrows(TracklineException.class, () -> client.downloadArtifacts(runId, "model/nothing.txt"));
    assertEquals("RESOURCE_DOES_NOT_EXIST", missing.getErrorCode());
    assertThrows(TracklineException.class, () -> client.downloadArtifacts(runId, "../other"));

    for (File f : List.of(bigBack.getParentFile().getParentFile(), modelBack.getParentFile(), all,
        one.getParentFile().getParentFile().getParentFile().getParentFile())) {
      delete(f.toPath());
    }
  }

  @Test
  void emptyRunHasNoArtifacts() {
    String runId = client.createRun(client.createExperiment(Names.unique("empty"))).getRunId();
    assertEquals(List.of(), client.listArtifacts(runId));
    File dir = client.downloadArtifacts(runId);
    assertTrue(dir.isDirectory());
    assertEquals(0, dir.list().length);
    assertNull(new FileInfo("d", true, 3L).getFileSize());
    dir.delete();
  }

  private static List<FileInfo> sorted(List<FileInfo> files) {
    return files.stream().sorted(Comparator.comparing(FileInfo::getPath)).collect(Collectors.toList());
  }

  /** Relative path to SHA-256 of every file below {@code root}. */
  private static Map<String, String> contents(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
        out.put(root.relativize(p).toString().replace(File.separatorChar, '/'), sha256(p));
      }
    }
    return out;
  }

  private static String writeRandom(Path file, int size) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    Random random = new Random(42);
    byte[] chunk = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int left = size; left > 0; left -= chunk.length) {
        random.nextBytes(chunk);
        int n = Math.min(left, chunk.length);
        out.write(chunk, 0, n);
        digest.update(chunk, 0, n);
      }
    }
    return hex(digest.digest());
  }

  private static String sha256(Path file) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      try (java.io.InputStream in = Files.newInputStream(file)) {
        for (int n; (n = in.read(buf)) > 0; ) {
          digest.update(buf, 0, n);
        }
      }
      return hex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(String.format("%02x", b));
    }
    return sb.toString();
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
