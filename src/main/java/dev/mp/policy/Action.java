package dev.mp.policy;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a rule does to the plugins it matches. */
public enum Action {
  /** Permits the plugin. */
  ALLOW("allow"),
  /** Blocks the plugin, with the rule's reason. */
  DENY("deny"),
  /** Permits the plugin and makes the pattern mandatory: {@code policy enforce} reports it when missing. */
  REQUIRE("require");

  private final String wire;

  Action(String wire) {
    this.wire = wire;
  }

  /** The spelling in the policy file. */
  public String wire() {
    return wire;
  }

  /** True for the actions that let a plugin in ({@code allow}, {@code require}). */
  public boolean permits() {
    return this != DENY;
  }

  public static Optional<Action> parse(String text) {
    for (Action action : values()) {
      if (action.wire.equals(text)) {
        return Optional.of(action);
      }
    }
    return Optional.empty();
  }

  /** {@code allow, deny, require} for messages. */
  public static String choices() {
    return Arrays.stream(values()).map(Action::wire).collect(Collectors.joining(", "));
  }
}
