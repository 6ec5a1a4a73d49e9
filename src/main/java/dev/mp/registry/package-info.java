/**
 * RegistryClient: reads every configured registry (a folder of plugins, a Claude Code marketplace, a
 * registry index file or URL), keeps each index in the cache, and gives the rest of mp one index model.
 *
 * <p>This package holds that model ({@link dev.mp.registry.RegistryIndex}, {@link
 * dev.mp.registry.PluginEntry}, {@link dev.mp.registry.Release}, {@link dev.mp.registry.PackageSource},
 * {@link dev.mp.registry.RegistrySet}, {@link dev.mp.registry.PluginNames} (the names Claude Code lists and
 * installs, and their folders), ...). The machinery sits in sub-packages: {@code http}
 * (downloads, credentials), {@code source} (registry formats) and {@code cache} (lookup files, file
 * hashes) depend on the model but not on each other; {@code client} ({@code RegistryClient}: load, sync,
 * test, search) wires them together and is what {@code Federation} calls.
 *
 * <p>Depends on {@code dev.mp.config}, {@code dev.mp.io} and {@code dev.mp.integrity}.
 */
package dev.mp.registry;
