package dev.trackline.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trackline.client.scoring.model.DataframeSplit;
import dev.trackline.client.scoring.model.InvocationRequest;
import dev.trackline.client.scoring.model.ServedModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ScoringClient against a live {@code trackline models serve} of two models split 50/50. */
@ExtendWith(ScoringServer.class)
class ScoringClientTest {
  private static final String LINEAR = ScoringServer.LINEAR;
  private static final String DOUBLED = ScoringServer.DOUBLED;
  private final ScoringClient scoring;

  ScoringClientTest(ScoringClient scoring) {
    this.scoring = scoring;
  }

  private static InvocationRequest split(List<Object> columns, List<List<Object>> rows) {
    return new InvocationRequest().dataframeSplit(new DataframeSplit().columns(columns).data(rows));
  }

  @Test
  void healthVersionSpecAndModels() {
    assertTrue(scoring.isReady());
    scoring.waitReady(Duration.ofSeconds(5));
    assertEquals("\n", scoring.ping());
    assertTrue(scoring.version().matches("[0-9]+\\.[0-9]+\\.[0-9]+.*"), scoring.version());
    assertTrue(scoring.spec().contains("operationId: invocations"));
    Map<String, ServedModel> models = scoring.listModels().stream()
        .collect(Collectors.toMap(ServedModel::getName, m -> m));
    assertEquals(List.of(DOUBLED, LINEAR), models.keySet().stream().sorted().collect(Collectors.toList()));
    assertEquals(0, new BigDecimal("50").compareTo(models.get(LINEAR).getWeight()));
    assertFalse(models.get(LINEAR).getVersion().isEmpty());
  }

  @Test
  void typedBodiesOfEachShape() {
    ScoringResponse answer = scoring.invoke(split(List.of("a", "b"), List.of(List.of(1.5, 2), List.of(0.5, 1))), LINEAR);
    assertEquals(List.of(3.5, 1.5), answer.getPredictions());
    assertEquals(LINEAR, answer.getModel().orElseThrow());
    String version = scoring.listModels().stream().filter(m -> m.getName().equals(LINEAR)).findFirst()
        .orElseThrow().getVersion();
    assertEquals(version, answer.getModelVersion().orElseThrow());

    InvocationRequest records = new InvocationRequest()
        .dataframeRecords(List.of(Map.of("a", 1.5, "b", 2), Map.of("a", 0.5, "b", 1, "label", "x")))
        .params(Map.of("k", 10));
    assertEquals(List.of(17.0, 6.0), scoring.invoke(records, LINEAR).getPredictions());
    InvocationRequest columns = new InvocationRequest().inputs(Map.of("a", List.of(2.0), "b", List.of(1)));
    assertEquals(List.of(6.0), scoring.invoke(columns, DOUBLED).getPredictions());
    InvocationRequest instances = new InvocationRequest().instances(List.of(Map.of("a", 1, "b", 2)));
    assertEquals(List.of(3.0), scoring.invoke(instances, LINEAR).getPredictions());
  }

  @Test
  void rawBodies() {
    assertEquals(List.of(3.5, 1.5), scoring.invokeRaw("a,b\n1.5,2\n0.5,1\n", "text/csv", LINEAR).getPredictions());
    String json = "{\"dataframe_records\": [{\"a\": 1.0, \"b\": 1}]}";
    assertEquals(List.of(4.0), scoring.invokeRaw(json, "application/json", DOUBLED).getPredictions());
  }

  @Test
  void errorsCarryTheServersCodeAndStatus() {
    assertError("INVALID_PARAMETER_VALUE", 400,
        () -> scoring.invoke(new InvocationRequest().dataframeRecords(List.of(Map.of("a", 1.5))), LINEAR));
    assertError("BAD_REQUEST", 400,
        () -> scoring.invoke(new InvocationRequest().dataframeRecords(List.of(Map.of("a", 1.0, "b", 1.5))), LINEAR));
    assertError("RESOURCE_DOES_NOT_EXIST", 404, () -> scoring.invoke(split(List.of("a", "b"), List.of(List.of(1, 2))), "nope"));
    assertError("BAD_REQUEST", 400, () -> scoring.invokeRaw("{not json", "application/json", LINEAR));
    assertError("UNSUPPORTED_MEDIA_TYPE", 415, () -> scoring.invokeRaw("a,b", "text/plain", LINEAR));
    assertError("UNSUPPORTED_MEDIA_TYPE", 415, () -> scoring.invokeRaw("{}", null, LINEAR));
    assertError("INVALID_PARAMETER_VALUE", 0, () -> scoring.invoke(null));
  }

  @Test
  void theSplitSendsRequestsToBothModelsAndEachAnswerSaysWhich() {
    Map<String, Integer> served = new HashMap<>();
    InvocationRequest request = split(List.of("a", "b"), List.of(List.of(1.0, 1)));
    for (int i = 0; i < 200; i++) {
      ScoringResponse answer = scoring.invoke(request);
      String model = answer.getModel().orElseThrow();
      assertEquals(List.of(model.equals(DOUBLED) ? 4.0 : 2.0), answer.getPredictions(), model);
      served.merge(model, 1, Integer::sum);
    }
    assertEquals(200, served.values().stream().mapToInt(Integer::intValue).sum());
    // 50/50 over 200 requests: fewer than 60 for either model has a probability below 1e-8.
    assertTrue(served.getOrDefault(LINEAR, 0) >= 60 && served.getOrDefault(DOUBLED, 0) >= 60, served.toString());
  }

  @Test
  void aServerThatIsNotThereIsNotReady() throws Exception {
    ScoringClient absent = ScoringClient.builder().uri("http://127.0.0.1:" + LiveServer.freePort()).maxRetries(0).build();
    assertFalse(absent.isReady());
    TracklineException e = assertThrows(TracklineException.class, () -> absent.waitReady(Duration.ofMillis(300)));
    assertEquals(TracklineException.CONNECTION_ERROR, e.getErrorCode());
    assertThrows(TracklineException.class, () -> new ScoringClient("ftp://127.0.0.1:1"));
  }

  private static void assertError(String code, int status, Runnable call) {
    TracklineException e = assertThrows(TracklineException.class, call::run);
    assertEquals(code, e.getErrorCode(), e.getMessage());
    assertEquals(status, e.getHttpStatus(), e.getMessage());
  }
}
