package dev.mp.policy;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a rule's {@code content} condition looks for in a plugin's files. */
public enum ContentCondition {
  /** Hidden Unicode: tag characters, bidi controls, zero-width runs, names mixing look-alike scripts. */
  HIDDEN_UNICODE("hidden-unicode");

  private final String wire;

  ContentCondition(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<ContentCondition> parse(String text) {
    return Arrays.stream(values()).filter(c -> c.wire.equals(text)).findFirst();
  }

  public static String choices() {
    return Arrays.stream(values()).map(ContentCondition::wire).collect(Collectors.joining(", "));
  }
}
