package dev.trackline.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trackline.client.model.Metric;
import dev.trackline.client.model.Param;
import dev.trackline.client.model.RunTag;
import org.junit.jupiter.api.Test;

/** A queued call describes itself as it was written, for the error that names it. */
class QueuedCallTest {
  @Test
  void singleCallsReadLikeTheCallsThatQueuedThem() {
    Metric metric = new Metric().key("loss").value(0.5).timestamp(1700000000000L).step(3L);
    assertEquals("logMetric(\"r1\", \"loss\", 0.5, 1700000000000, 3)",
        QueuedCall.metric(1, "logMetric", "r1", metric).describe());
    assertEquals("logParam(\"r1\", \"alpha\", \"0.7\")",
        QueuedCall.param(2, "logParam", "r1", new Param().key("alpha").value("0.7")).describe());
    assertEquals("setTag(\"r1\", \"say \\\"hi\\\"\", \"a\\\\b\")",
        QueuedCall.tag(3, "setTag", "r1", new RunTag().key("say \"hi\"").value("a\\b")).describe());
  }

  @Test
  void valuesOfABatchNameTheirBatchAndWhatTheyAre() {
    Metric metric = new Metric().key("loss").value(0.5).timestamp(1700000000000L).step(3L);
    assertEquals("logBatch(\"r1\", ...) metric \"loss\" = 0.5 at step 3, timestamp 1700000000000",
        QueuedCall.metric(4, "logBatch", "r1", metric).describe());
    assertEquals("logBatch(\"r1\", ...) param \"alpha\" = \"0.7\"",
        QueuedCall.param(4, "logBatch", "r1", new Param().key("alpha").value("0.7")).describe());
    assertEquals("logBatch(\"r1\", ...) tag \"stage\" = \"dev\"",
        QueuedCall.tag(4, "logBatch", "r1", new RunTag().key("stage").value("dev")).describe());
  }
}
