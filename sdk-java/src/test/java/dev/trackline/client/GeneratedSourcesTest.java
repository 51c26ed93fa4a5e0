package dev.trackline.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the build generates from the specs: models and API classes, each marked as generated,
 * from openapi.yaml and from scoring.yaml (the scoring client's, in packages of their own).
 */
class GeneratedSourcesTest {
  private static final Path ROOT = Paths.get("target/generated-sources/openapi/src/main/java/dev/trackline/client");
  private static final Path SCORING = Paths.get(
      "target/generated-sources/scoring/src/main/java/dev/trackline/client/scoring");

  @Test
  void everyGeneratedFileSaysSoOnItsFirstLine() throws Exception {
    assertMarked(ROOT, "openapi.yaml", 50);
    assertMarked(SCORING, "scoring.yaml", 5);
  }

  @Test
  void onlyModelsAndApiClassesAreGenerated() throws Exception {
    for (Path root : List.of(ROOT, SCORING)) {
      try (Stream<Path> packages = Files.list(root)) {
        assertEquals(List.of("api", "model"),
            packages.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
      }
      try (Stream<Path> apis = Files.list(root.resolve("api"))) {
        assertFalse(apis.anyMatch(p -> !p.getFileName().toString().endsWith("Api.java")));
      }
    }
    assertTrue(Files.isRegularFile(SCORING.resolve("api/ScoringApi.java")));
  }

  private static void assertMarked(Path root, String spec, int atLeast) throws Exception {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(root)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }
    assertTrue(sources.size() >= atLeast, root + ": generated sources: " + sources.size());
    for (Path source : sources) {
      String first = Files.newBufferedReader(source, StandardCharsets.UTF_8).readLine();
      assertTrue(first.startsWith("// Generated from " + spec + " by openapi-generator")
          && first.contains("Do not edit"), source + ": " + first);
    }
  }
}
