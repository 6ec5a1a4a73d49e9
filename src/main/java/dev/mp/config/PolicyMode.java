package dev.mp.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a registry's plugins need when no policy rule decides (DESIGN.md §4). */
public enum PolicyMode {
  /** Allowed unless a rule denies. */
  OPEN("open"),
  /** Denied unless a rule allows. */
  ENFORCE("enforce"),
  /** Denied unless an allow rule names the plugin exactly or names this registry as its source. */
  ALLOW_LISTED("allow-listed");

  private final String wire;

  PolicyMode(String wire) {
    this.wire = wire;
  }

  /** The spelling in files and on the command line. */
  public String wire() {
    return wire;
  }

  public static Optional<PolicyMode> parse(String text) {
    for (PolicyMode mode : values()) {
      if (mode.wire.equals(text)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }

  /** {@code open, enforce, allow-listed} for messages. */
  public static String choices() {
    return Arrays.stream(values()).map(PolicyMode::wire).collect(Collectors.joining(", "));
  }
}
