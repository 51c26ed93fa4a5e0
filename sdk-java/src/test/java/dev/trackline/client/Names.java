package dev.trackline.client;

import java.util.UUID;

/** Names unique to one test run, so the tests also run against a server that is reused. */
final class Names {
  private Names() {}

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
