package dev.trackline.client;

import java.util.ArrayList;
import java.util.List;

/** Copies of caller's lists for request models, which keep and may change what they are given. */
final class Lists {
  private Lists() {}

  /** A mutable copy; empty for null. */
  static <T> List<T> copyOrEmpty(List<T> list) {
    return list == null ? new ArrayList<>() : new ArrayList<>(list);
  }

  /** A mutable copy; null for null or empty, so that nothing is sent. */
  static <T> List<T> copyOrNull(List<T> list) {
    return list == null || list.isEmpty() ? null : new ArrayList<>(list);
  }
}
