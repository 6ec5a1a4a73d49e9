/**
 * Registry sources and their formats: where a registry's {@code url} points
 * ({@link dev.mp.registry.source.RegistrySource}: a folder of plugins, a Claude Code marketplace, an
 * index file, an HTTP URL) and the readers that turn each format into {@code PluginEntry} records —
 * {@link dev.mp.registry.source.FolderReader}, {@link dev.mp.registry.source.MarketplaceParser}
 * (every {@code source} kind of real marketplaces) and {@link dev.mp.registry.source.IndexParser} (the
 * seed's index, streamed). Odd entries become warnings, never failures of the whole registry.
 *
 * <p>Depends on {@code dev.mp.registry} (the model), {@code dev.mp.integrity}, {@code dev.mp.config},
 * {@code dev.mp.io} and the root package.
 */
package dev.mp.registry.source;
