package dev.mp.policy;

import java.util.Objects;

/**
 * One plugin as {@code mp policy enforce} found it.
 *
 * @param name the plugin
 * @param presence where it was found: the lockfile, the install folder, or both
 * @param decision the policy's decision about it
 * @param lockfileLine the line of its key in {@code plugin-lock.json}, or 0 when it is not locked
 */
public record AuditedPlugin(String name, Presence presence, Decision decision, int lockfileLine) {
  public AuditedPlugin {
    Objects.requireNonNull(name);
    Objects.requireNonNull(presence);
    Objects.requireNonNull(decision);
  }

  /** Where a plugin was found. */
  public enum Presence {
    /** Locked and installed. */
    INSTALLED("installed"),
    /** Locked but its folder is missing; audited from the lockfile (run {@code mp lock install}). */
    NOT_INSTALLED("not-installed"),
    /** Installed but not in the lockfile: where it came from is unknown. */
    UNLOCKED("unlocked");

    private final String wire;

    Presence(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  /**
   * True when the plugin breaks the policy: it is denied, or it is not in the lockfile (the policy
   * cannot vouch for a plugin whose registry, version and signature are unknown).
   */
  public boolean isViolation() {
    return !decision.allowed() || presence == Presence.UNLOCKED;
  }
}
