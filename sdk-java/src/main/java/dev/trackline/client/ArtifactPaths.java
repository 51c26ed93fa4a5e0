package dev.trackline.client;

/** Artifact paths: slash-separated, relative, never climbing out of their root with {@code ..}. */
final class ArtifactPaths {
  private static final String PROXY_SCHEME = "mlflow-artifacts:";

  private ArtifactPaths() {}

  /** A path without leading, trailing or doubled slashes; "" for the root or null. */
  static String clean(String path) {
    if (path == null) {
      return "";
    }
    String p = path.replace('\\', '/').replaceAll("/+", "/").replaceAll("^/|/$", "");
    for (String part : p.split("/")) {
      if (part.equals("..")) {
        throw new TracklineException("INVALID_PARAMETER_VALUE", 0, "bad artifact path: " + path);
      }
    }
    return p;
  }

  /** {@code a/b}, either part may be null or empty. */
  static String join(String a, String b) {
    if (a == null || a.isEmpty()) {
      return b;
    }
    if (b == null || b.isEmpty()) {
      return a;
    }
    return a.replaceAll("/+$", "") + "/" + b.replaceAll("^/+", "");
  }

  /** The last segment of a path. */
  static String name(String path) {
    return path.replaceAll("^.*/", "");
  }

  /** The path up to its last segment; "" for a top-level path. */
  static String parent(String path) {
    return path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
  }

  /**
   * The path in the server's artifact store ({@code mlflow-artifacts} proxy) of a run whose
   * artifact URI is {@code artifactUri}; {@code INVALID_PARAMETER_VALUE} when the run's artifacts
   * are not behind the proxy.
   */
  static String proxyRoot(String artifactUri) {
    if (artifactUri == null || !artifactUri.startsWith(PROXY_SCHEME)) {
      throw new TracklineException(
          "INVALID_PARAMETER_VALUE",
          0,
          "the run's artifacts are at " + artifactUri + ", not behind the server's artifact proxy "
              + "(mlflow-artifacts:); start the server with artifact serving");
    }
    String rest = artifactUri.substring(PROXY_SCHEME.length());
    if (rest.startsWith("//")) {
      int slash = rest.indexOf('/', 2);
      rest = slash < 0 ? "" : rest.substring(slash);
    }
    return rest.replaceAll("^/+", "");
  }
}
