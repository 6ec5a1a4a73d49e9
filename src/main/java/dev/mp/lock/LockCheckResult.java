package dev.mp.lock;

import java.util.List;

/**
 * What {@code lock check} found.
 *
 * @param drifts every drift, sorted by plugin then kind; empty when everything matches
 * @param lockedPlugins how many plugins the lockfile pins
 * @param hashedFiles files whose content was read and hashed in this check
 * @param cachedFiles files whose hash came from the stat cache (content not read)
 */
public record LockCheckResult(List<Drift> drifts, int lockedPlugins, int hashedFiles, int cachedFiles) {
  public LockCheckResult {
    drifts = List.copyOf(drifts);
  }

  public boolean clean() {
    return drifts.isEmpty();
  }
}
