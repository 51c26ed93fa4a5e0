package dev.trackline.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The HTTP binding of an operation method of the generated {@code dev.trackline.client.api}
 * classes, as the spec declares it. The generated method sends exactly this request; the
 * annotation lets code that works from the spec's names (such as the conformance driver) find it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Operation {
  /** The spec's {@code operationId}. */
  String id();

  /** The HTTP method: {@code GET}, {@code POST}, ... */
  String method();

  /** The path below the tracking URI, with a {@code {name}} placeholder per path parameter. */
  String path();

  /** Path parameters whose value may hold slashes, sent segment by segment. */
  String[] multiSegment() default {};
}
