package dev.mp.lock;

/**
 * What an install did to one plugin.
 *
 * @param plugin the plugin
 * @param action {@code added}, {@code updated} (another version), {@code reinstalled} (same version,
 *     fetched and placed again), or {@code removed}
 * @param fromVersion the version before, or null when it was not installed
 * @param toVersion the version after, or null when it was removed
 * @param registry the registry it came from (after the change; before it for a removal)
 */
public record PluginChange(String plugin, String action, String fromVersion, String toVersion, String registry) {}
