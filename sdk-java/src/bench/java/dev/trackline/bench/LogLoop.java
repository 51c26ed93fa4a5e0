package dev.trackline.bench;

import dev.trackline.client.TracklineClient;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A training loop's logging, for the benchmark: {@code --count} calls of {@link
 * TracklineClient#logMetric(String, String, double, long, long)} in one run, point i (from 0)
 * with step i and value i * 0.5, then {@link TracklineClient#flush()}. Prints one JSON line
 * {@code {"count": N, "seconds": S}}, S from the first call to the end of the flush.
 *
 * <pre>
 * LogLoop --tracking-uri URL --run-id ID --count N --mode async|sync [--key NAME (default m)]
 * </pre>
 *
 * Run it with {@code sdk-java/scripts/log-loop}, after {@code make install-java}.
 */
public final class LogLoop {
  private LogLoop() {}

  public static void main(String[] args) {
    Map<String, String> options = parse(args);
    boolean async = options.get("mode").equals("async");
    String runId = options.get("run-id");
    String key = options.getOrDefault("key", "m");
    long count = Long.parseLong(options.get("count"));
    try (TracklineClient client =
        TracklineClient.builder().trackingUri(options.get("tracking-uri")).asyncLogging(async).build()) {
      long started = System.nanoTime();
      for (long i = 0; i < count; i++) {
        client.logMetric(runId, key, i * 0.5, System.currentTimeMillis(), i);
      }
      client.flush();
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.println(String.format(Locale.ROOT, "{\"count\": %d, \"seconds\": %.3f}", count, seconds));
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("bad arguments near " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    for (String required : new String[] {"tracking-uri", "run-id", "count", "mode"}) {
      if (!options.containsKey(required)) {
        throw new IllegalArgumentException("--" + required + " is required");
      }
    }
    if (!options.get("mode").equals("async") && !options.get("mode").equals("sync")) {
      throw new IllegalArgumentException("--mode must be async or sync");
    }
    return options;
  }
}
