package dev.mp.policy;

import java.util.Objects;

/**
 * Where an inherited rule comes from: an organisation policy the project's policy {@code extends}.
 * Rules of the project's own file have no origin.
 *
 * @param index the inherited policy's place in evaluation order, from 1 (SARIF rule ids use it)
 * @param location the policy as written in {@code extends} ({@code https://...} or {@code registry:NAME/path})
 * @param line the line of the project's {@code extends} entry that brought it in (0 when unknown)
 */
public record RuleOrigin(int index, String location, int line) {
  public RuleOrigin {
    Objects.requireNonNull(location);
  }
}
