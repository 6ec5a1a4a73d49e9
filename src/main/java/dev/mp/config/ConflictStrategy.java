package dev.mp.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What to do when registries offer the same plugin name with different content (DESIGN.md §3). */
public enum ConflictStrategy {
  /** Take the highest-priority registry and record the conflict. */
  HIGHEST_PRIORITY("highest-priority"),
  /** Fail with {@code UNRESOLVED_CONFLICT}. */
  ERROR("error"),
  /** Ask on a terminal; without one, fail like {@link #ERROR}. */
  PROMPT("prompt");

  private final String wire;

  ConflictStrategy(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<ConflictStrategy> parse(String text) {
    for (ConflictStrategy strategy : values()) {
      if (strategy.wire.equals(text)) {
        return Optional.of(strategy);
      }
    }
    return Optional.empty();
  }

  public static String choices() {
    return Arrays.stream(values()).map(ConflictStrategy::wire).collect(Collectors.joining(", "));
  }
}
