package dev.trackline.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackline.client.LiveServer;
import dev.trackline.client.ScoringClient;
import dev.trackline.client.ScoringServer;
import dev.trackline.client.TracklineClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The driver sends the scoring server's operations to the scoring server it was given. */
@ExtendWith({LiveServer.class, ScoringServer.class})
class DriverScoringTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Driver driver;
  private final Driver withoutScoring;

  DriverScoringTest(TracklineClient client, ScoringClient scoring) throws Exception {
    this.driver = new Driver(client, scoring);
    this.withoutScoring = new Driver(client);
  }

  private JsonNode ask(Driver to, String op, String args) throws Exception {
    return JSON.readTree(to.answer("{\"op\": \"" + op + "\", \"args\": " + args + "}").toString());
  }

  @Test
  void invocationsTypedRawAndText() throws Exception {
    String model = "\"name\": \"" + ScoringServer.LINEAR + "\"";
    JsonNode typed = ask(driver, "modelInvocations",
        "{" + model + ", \"body\": {\"dataframe_split\": {\"columns\": [\"a\", \"b\"], \"data\": [[1.5, 2]]}}}");
    assertEquals("[3.5]", typed.at("/ok/predictions").toString(), typed.toString());
    JsonNode list = ask(driver, "modelInvocations", "{" + model + ", \"body\": [[1.5, 2]]}");
    assertEquals("BAD_REQUEST", list.at("/error/error_code").asText(), list.toString());
    JsonNode csv = ask(driver, "modelInvocations", "{" + model + ", \"text\": \"a,b\\n1,1\\n\", \"content_type\": \"text/csv\"}");
    assertEquals("[2.0]", csv.at("/ok/predictions").toString(), csv.toString());
    JsonNode bare = ask(driver, "invocations", "{\"text\": \"{}\", \"content_type\": null}");
    assertEquals(415, bare.at("/error/http_status").asInt(), bare.toString());
    JsonNode split = ask(driver, "invocations", "{\"body\": {\"inputs\": {\"a\": [1.0], \"b\": [1]}}}");
    assertTrue(split.at("/ok/predictions/0").isNumber(), split.toString());
  }

  @Test
  void otherOperationsThroughTheGeneratedApi() throws Exception {
    assertTrue(ask(driver, "scoringPing", "{}").has("ok"));
    assertTrue(ask(driver, "scoringVersion", "{}").at("/ok").asText().matches("(?s)[0-9]+\\.[0-9]+\\.[0-9]+.*"));
    assertEquals(2, ask(driver, "listServedModels", "{}").at("/ok/models").size());
    assertTrue(ask(driver, "getScoringSpec", "{}").at("/ok").asText().contains("operationId: modelInvocations"));
  }

  @Test
  void withoutAScoringServerTheOperationsAreSkipped() throws Exception {
    assertTrue(ask(withoutScoring, "invocations", "{\"body\": {}}").has("skipped"));
    assertTrue(ask(withoutScoring, "scoringPing", "{}").has("skipped"));
  }
}
