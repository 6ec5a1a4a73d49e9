package dev.mp.registry;

import dev.mp.config.RegistrySpec;
import java.util.Objects;

/**
 * A registry as this run sees it.
 *
 * @param spec the configured registry
 * @param index what it offers, or null when {@link IndexState#UNAVAILABLE}
 * @param state how current the index is
 * @param ageSeconds age of the cached copy in use, or null when read fresh
 * @param problem why it is stale or unavailable (for warnings), or null
 */
public record LoadedRegistry(RegistrySpec spec, RegistryIndex index, IndexState state, Long ageSeconds, String problem) {
  public LoadedRegistry {
    Objects.requireNonNull(spec);
    Objects.requireNonNull(state);
    if ((index == null) != (state == IndexState.UNAVAILABLE)) {
      throw new IllegalArgumentException("an index is present exactly when the registry is available");
    }
  }

  public String name() {
    return spec.name();
  }

  public boolean available() {
    return index != null;
  }

  /** A registry read now, with nothing to report. */
  public static LoadedRegistry fresh(RegistrySpec spec, RegistryIndex index) {
    return new LoadedRegistry(spec, index, IndexState.FRESH, null, null);
  }
}
