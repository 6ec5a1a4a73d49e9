package dev.mp.registry.client;

import java.util.Locale;

/** How syncing one registry went. */
public enum SyncStatus {
  /** Fetched (or read, for a local registry) and cached. */
  OK,
  /** The registry answered 304: the cached copy is current and was kept. */
  UNCHANGED,
  /** The registry failed; a cached copy (older) remains in use. */
  STALE,
  /** The registry failed and nothing is cached. */
  ERROR;

  /** {@code ok}, {@code unchanged}, {@code stale}, {@code error}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when the registry's copy is now current. */
  public boolean synced() {
    return this == OK || this == UNCHANGED;
  }
}
