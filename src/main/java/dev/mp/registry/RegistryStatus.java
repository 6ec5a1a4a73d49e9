package dev.mp.registry;

import dev.mp.config.RegistrySpec;

/**
 * A configured registry and what the cache knows about it.
 *
 * @param spec the registry as configured
 * @param cacheAgeSeconds age of the cached index, or null when nothing is cached
 * @param pluginCount plugins in the cached index, or null when nothing is cached
 */
public record RegistryStatus(RegistrySpec spec, Long cacheAgeSeconds, Integer pluginCount) {}
