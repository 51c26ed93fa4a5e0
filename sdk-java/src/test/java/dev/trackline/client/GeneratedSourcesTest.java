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

/** What the build generates from the spec: models and API classes, each marked as generated. */
class GeneratedSourcesTest {
  private static final Path ROOT = Paths.get("target/generated-sources/openapi/src/main/java/dev/trackline/client");

  @Test
  void everyGeneratedFileSaysSoOnItsFirstLine() throws Exception {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(ROOT)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }
    assertTrue(sources.size() > 50, "generated sources: " + sources.size());
    for (Path source : sources) {
      String first = Files.newBufferedReader(source, StandardCharsets.UTF_8).readLine();
      assertTrue(first.startsWith("// Generated from openapi.yaml by openapi-generator")
          && first.contains("Do not edit"), source + ": " + first);
    }
  }

  @Test
  void onlyModelsAndApiClassesAreGenerated() throws Exception {
    try (Stream<Path> packages = Files.list(ROOT)) {
      assertEquals(List.of("api", "model"),
          packages.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
    }
    try (Stream<Path> apis = Files.list(ROOT.resolve("api"))) {
      assertFalse(apis.anyMatch(p -> !p.getFileName().toString().endsWith("Api.java")));
    }
  }
}
