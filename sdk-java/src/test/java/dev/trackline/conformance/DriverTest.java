package dev.trackline.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackline.client.LiveServer;
import dev.trackline.client.TracklineClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The driver speaks the conformance protocol against a live server. */
@ExtendWith(LiveServer.class)
class DriverTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Driver driver;

  DriverTest(TracklineClient client) throws Exception {
    this.driver = new Driver(client);
  }

  private JsonNode ask(String op, String args) throws Exception {
    return JSON.readTree(driver.answer("{\"op\": \"" + op + "\", \"args\": " + args + "}").toString());
  }

  @Test
  void operationsAnswerWithWireJson() throws Exception {
    String name = "drv-" + UUID.randomUUID();
    String id = ask("createExperiment", "{\"name\": \"" + name + "\"}").at("/ok/experiment_id").asText();
    JsonNode got = ask("getExperimentByName", "{\"experiment_name\": \"" + name + "\"}");
    assertEquals(id, got.at("/ok/experiment/experiment_id").asText(), got.toString());
    assertTrue(got.at("/ok/experiment/creation_time").isIntegralNumber(), got.toString());

    String runId = ask("createRun", "{\"experiment_id\": \"" + id + "\", \"run_name\": \"r\"}").at("/ok/run/info/run_id").asText();
    assertEquals("{}", ask("logMetric", "{\"run_id\": \"" + runId + "\", \"key\": \"m\", \"value\": \"NaN\", \"timestamp\": 5, \"step\": \"2\"}")
        .get("ok").toString());
    JsonNode history = ask("getMetricHistory", "{\"run_id\": \"" + runId + "\", \"metric_key\": \"m\"}");
    assertEquals("NaN", history.at("/ok/metrics/0/value").asText(), history.toString());
    assertEquals(2, history.at("/ok/metrics/0/step").asLong());

    JsonNode search = ask("searchExperimentsGet", "{\"filter\": \"name = '" + name + "'\", \"view_type\": \"ALL\", \"max_results\": 10, \"order_by\": [\"name ASC\"]}");
    assertEquals(1, search.at("/ok/experiments").size(), search.toString());
  }

  @Test
  void errorsSkipsAndBadLines() throws Exception {
    JsonNode missing = ask("getExperiment", "{\"experiment_id\": \"99999999\"}");
    assertEquals("RESOURCE_DOES_NOT_EXIST", missing.at("/error/error_code").asText());
    assertEquals(404, missing.at("/error/http_status").asInt());
    assertTrue(ask("noSuchOperation", "{}").has("skipped"));
    assertTrue(ask("hl.noSuchOperation", "{}").has("skipped"));
    assertEquals("DRIVER_ERROR", JSON.readTree(driver.answer("not json").toString()).at("/error/error_code").asText());
  }

  @Test
  void highLevelOperations() throws Exception {
    String id = ask("createExperiment", "{\"name\": \"drv-hl-" + UUID.randomUUID() + "\"}").at("/ok/experiment_id").asText();
    List<String> runIds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      runIds.add(ask("createRun", "{\"experiment_id\": \"" + id + "\"}").at("/ok/run/info/run_id").asText());
    }
    StringBuilder metrics = new StringBuilder();
    for (int step = 0; step < 1500; step++) {
      metrics.append(step == 0 ? "" : ",").append("{\"key\": \"loss\", \"value\": ").append(step)
          .append(", \"timestamp\": 1700000000000, \"step\": ").append(step).append('}');
    }
    StringBuilder params = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      params.append(i == 0 ? "" : ",").append("{\"key\": \"p").append(i).append("\", \"value\": \"v\"}");
    }
    String runId = runIds.get(0);
    JsonNode logged = ask("hl.logBatch", "{\"run_id\": \"" + runId + "\", \"metrics\": [" + metrics
        + "], \"params\": [" + params + "], \"tags\": []}");
    assertEquals("{}", logged.get("ok").toString(), logged.toString());
    JsonNode history = ask("hl.getMetricHistory", "{\"run_id\": \"" + runId + "\", \"metric_key\": \"loss\"}");
    assertEquals(1500, history.at("/ok/metrics").size());
    assertEquals(1499, history.at("/ok/metrics/1499/step").asInt());

    JsonNode all = ask("hl.searchAllRuns", "{\"experiment_ids\": [\"" + id + "\"], \"max_results\": 2}");
    assertEquals(5, all.at("/ok/runs").size(), all.toString());
  }

  @Test
  void runReadsLinesUntilEof() throws Exception {
    String input = "{\"op\": \"health\", \"args\": {}}\n\n{\"op\": \"getExperiment\", \"args\": {\"experiment_id\": \"0\"}}\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    driver.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(2, lines.length);
    assertEquals("OK", JSON.readTree(lines[0]).get("ok").asText());
    assertEquals("0", JSON.readTree(lines[1]).at("/ok/experiment/experiment_id").asText());
  }
}
