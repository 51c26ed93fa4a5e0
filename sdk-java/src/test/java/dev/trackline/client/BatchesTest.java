package dev.trackline.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trackline.client.model.LogBatchRequest;
import dev.trackline.client.model.Metric;
import dev.trackline.client.model.Param;
import dev.trackline.client.model.RunTag;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchesTest {
  private static List<Metric> metrics(int n) {
    List<Metric> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(new Metric().key("m").value((double) i).timestamp(1L).step((long) i));
    }
    return list;
  }

  private static List<Param> params(int n) {
    List<Param> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(new Param().key("p" + i).value("v"));
    }
    return list;
  }

  private static List<RunTag> tags(int n) {
    List<RunTag> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(new RunTag().key("t" + i).value("v"));
    }
    return list;
  }

  @Test
  void nothingToLogMeansNoRequest() {
    assertEquals(0, Batches.split("r", List.of(), List.of(), List.of()).size());
  }

  @Test
  void everyRequestIsWithinTheLimitsAndNothingIsLostOrReordered() {
    int[][] shapes = {{1, 0, 0}, {1000, 0, 0}, {1001, 0, 0}, {0, 100, 0}, {0, 101, 0}, {0, 0, 250},
        {1000, 100, 100}, {2500, 230, 150}, {999, 1, 0}, {5, 300, 300}};
    for (int[] shape : shapes) {
      List<Metric> m = metrics(shape[0]);
      List<Param> p = params(shape[1]);
      List<RunTag> t = tags(shape[2]);
      List<LogBatchRequest> requests = Batches.split("run", m, p, t);
      List<Metric> allM = new ArrayList<>();
      List<Param> allP = new ArrayList<>();
      List<RunTag> allT = new ArrayList<>();
      for (LogBatchRequest r : requests) {
        assertEquals("run", r.getRunId());
        assertTrue(r.getMetrics().size() <= 1000);
        assertTrue(r.getParams().size() <= 100);
        assertTrue(r.getTags().size() <= 100);
        assertTrue(r.getMetrics().size() + r.getParams().size() + r.getTags().size() <= 1000);
        assertTrue(r.getMetrics().size() + r.getParams().size() + r.getTags().size() > 0);
        allM.addAll(r.getMetrics());
        allP.addAll(r.getParams());
        allT.addAll(r.getTags());
      }
      assertEquals(m, allM);
      assertEquals(p, allP);
      assertEquals(t, allT);
      int fewest = Math.max(Math.max((shape[0] + shape[1] + shape[2] + 999) / 1000, (shape[0] + 999) / 1000),
          Math.max((shape[1] + 99) / 100, (shape[2] + 99) / 100));
      assertTrue(requests.size() <= fewest + 1, "too many requests for " + java.util.Arrays.toString(shape));
    }
  }

  @Test
  void aRequestIsFullAtAnyOfTheLimits() {
    assertTrue(Batches.fillsARequest(1000, 0, 0));
    assertTrue(Batches.fillsARequest(0, 100, 0));
    assertTrue(Batches.fillsARequest(0, 0, 100));
    assertTrue(Batches.fillsARequest(901, 50, 49));
    assertFalse(Batches.fillsARequest(999, 0, 0));
    assertFalse(Batches.fillsARequest(850, 99, 50));
    assertFalse(Batches.fillsARequest(0, 0, 0));
  }
}
