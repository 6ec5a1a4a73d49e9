/**
 * What a plugin can do once Claude Code loads it: its capabilities ({@code hooks} with their events,
 * {@code monitors}, {@code mcp-servers}, {@code lsp-servers}, {@code binaries}, {@code commands},
 * {@code agents}, {@code skills}, {@code network} hosts), read from the plugin's own {@code plugin.json},
 * its marketplace entry's fields and the conventional files and folders, the way Claude Code reads them.
 *
 * <p>Main types: {@link dev.mp.capability.Capability} (the kinds), {@link dev.mp.capability.Capabilities}
 * (what one plugin has), {@link dev.mp.capability.CapabilityDetector} (reads them). Depends only on
 * {@code dev.mp.io}; the policy, the installer, the lockfile and the commands use it.
 */
package dev.mp.capability;
