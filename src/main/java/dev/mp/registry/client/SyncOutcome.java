package dev.mp.registry.client;

import dev.mp.config.RegistrySpec;
import java.util.Objects;

/**
 * What {@code registry sync} did for one registry.
 *
 * @param spec the registry
 * @param status ok, unchanged, stale or error
 * @param plugins plugins in the copy now in use, or null when there is none
 * @param bytes bytes read (downloaded, for HTTP; 0 for a 304), or null when not meaningful (folders)
 * @param millis how long it took
 * @param cacheAgeSeconds age of the copy in use when it is an older one (stale), else null
 * @param problem why it failed (stale, error), else null
 * @param rejected true when the registry's index was refused by the index checks (signature, serial,
 *     expiry: {@code INDEX_REJECTED}) rather than unreachable
 */
public record SyncOutcome(
    RegistrySpec spec, SyncStatus status, Integer plugins, Long bytes, long millis, Long cacheAgeSeconds,
    String problem,
    boolean rejected) {
  public SyncOutcome {
    Objects.requireNonNull(spec);
    Objects.requireNonNull(status);
  }

  /** An outcome whose index was not refused by the index checks. */
  public SyncOutcome(
      RegistrySpec spec, SyncStatus status, Integer plugins, Long bytes, long millis, Long cacheAgeSeconds,
      String problem) {
    this(spec, status, plugins, bytes, millis, cacheAgeSeconds, problem, false);
  }

  public String name() {
    return spec.name();
  }
}
