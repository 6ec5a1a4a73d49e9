package dev.mp.registry;

import dev.mp.config.LoadedConfig;
import java.util.List;

/**
 * The result of {@code mp registry list}: registries in the order they are consulted.
 *
 * @param config the configuration they came from
 * @param registries highest priority first, ties by name
 */
public record RegistryListing(LoadedConfig config, List<RegistryStatus> registries) {
  public RegistryListing {
    registries = List.copyOf(registries);
  }
}
