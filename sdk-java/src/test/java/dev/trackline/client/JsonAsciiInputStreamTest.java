package dev.trackline.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonAsciiInputStreamTest {
  @Test
  void escapesEveryNonAsciiCharacter() throws Exception {
    String value = "naïve café ✓ 😀 日本 plain";
    String json = "{\"k\": \"" + value + "\", \"n\": 1}";
    byte[] escaped = new JsonAsciiInputStream(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))).readAllBytes();
    String ascii = new String(escaped, StandardCharsets.US_ASCII);
    for (byte b : escaped) {
      assertTrue(b >= 0, "non-ASCII byte in " + ascii);
    }
    assertTrue(ascii.contains("\\ud83d\\ude00"), ascii);
    assertEquals(value, new ObjectMapper().readTree(ascii).get("k").asText());
    assertEquals(1, new ObjectMapper().readTree(ascii).get("n").asInt());
  }

  @Test
  void aBrokenSequenceBecomesOneReplacementCharacter() throws Exception {
    byte[] broken = {'"', (byte) 0xC3, 'x', '"'};
    byte[] out = new JsonAsciiInputStream(new ByteArrayInputStream(broken)).readAllBytes();
    assertEquals("\"\\ufffdx\"", new String(out, StandardCharsets.US_ASCII));
  }

  @Test
  void asciiPassesThroughUnchanged() throws Exception {
    String json = "{\"experiments\": [{\"name\": \"a\\\"b\"}]}";
    byte[] out = new JsonAsciiInputStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))).readAllBytes();
    assertEquals(json, new String(out, StandardCharsets.US_ASCII));
  }
}
