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
 */
record Attempt(LoadedRegistry loaded, SyncStatus status, Long bytes, long millis) {
  Attempt(LoadedRegistry loaded, SyncStatus status, Long bytes) {
    this(loaded, status, bytes, 0);
  }

  static Attempt fresh(RegistrySpec spec, RegistryIndex index, Long bytes) {
    return new Attempt(LoadedRegistry.fresh(spec, index), SyncStatus.OK, bytes);
  }

  static Attempt unavailable(RegistrySpec spec, String problem) {
    return new Attempt(new LoadedRegistry(spec, null, IndexState.UNAVAILABLE, null, problem), SyncStatus.ERROR, null);
  }
}
