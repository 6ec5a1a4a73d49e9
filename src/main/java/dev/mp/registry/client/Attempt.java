package dev.mp.registry.client;

import dev.mp.config.RegistrySpec;
import dev.mp.registry.IndexState;
import dev.mp.registry.LoadedRegistry;
import dev.mp.registry.RegistryIndex;

/**
 * One registry read, with what {@code registry sync} reports about it.
 *
 * @param bytes bytes read or downloaded, or null when not meaningful
 * @param millis how long reading took
 * @param rejected true when the registry's current index was refused by the index checks ({@code
 *     INDEX_REJECTED}): a previous good copy may still be in use
 */
record Attempt(LoadedRegistry loaded, SyncStatus status, Long bytes, long millis, boolean rejected) {
  Attempt(LoadedRegistry loaded, SyncStatus status, Long bytes) {
    this(loaded, status, bytes, 0, false);
  }

  static Attempt fresh(RegistrySpec spec, RegistryIndex index, Long bytes) {
    return new Attempt(LoadedRegistry.fresh(spec, index), SyncStatus.OK, bytes);
  }

  static Attempt unavailable(RegistrySpec spec, String problem) {
    return unavailable(spec, problem, false);
  }

  static Attempt unavailable(RegistrySpec spec, String problem, boolean rejected) {
    return new Attempt(new LoadedRegistry(spec, null, IndexState.UNAVAILABLE, null, problem), SyncStatus.ERROR, null,
        0, rejected);
  }

  /** This attempt, timed. */
  Attempt withMillis(long value) {
    return new Attempt(loaded, status, bytes, value, rejected);
  }
}
