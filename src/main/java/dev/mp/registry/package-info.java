/**
 * RegistryClient: reads every configured registry (a folder of plugins, a Claude Code marketplace, a
 * registry index file or URL), keeps each index in the cache, and gives the rest of mp one index model.
 *
 * <p>Depends on {@code dev.mp.config}, {@code dev.mp.io} and {@code dev.mp.integrity}.
 */
package dev.mp.registry;
