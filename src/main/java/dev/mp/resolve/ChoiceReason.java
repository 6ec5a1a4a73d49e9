package dev.mp.resolve;

/** Why a registry won for a plugin; the wire name is used in {@code --json}, the trace and the audit trail. */
public enum ChoiceReason {
  /** The highest-priority registry that offers the plugin. */
  PRIORITY("priority"),
  /** Higher-priority registries offer the plugin, but no release of theirs satisfies the constraints. */
  RANGE("range"),
  /** {@code --prefer NAME=REGISTRY}. */
  PREFER("prefer"),
  /** The lockfile's {@code source} for the plugin: the choice made by an earlier resolution. */
  LOCKFILE("lockfile"),
  /** The user chose at the conflict prompt. */
  PROMPT("prompt"),
  /** A dependent pinned the registry ({@code marketplace} in Claude Code's dependency form). */
  PIN("pin");

  private final String wire;

  ChoiceReason(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** True when someone chose explicitly (preference, lockfile, prompt, pin) rather than the priority order. */
  public boolean isExplicit() {
    return this != PRIORITY && this != RANGE;
  }
}
