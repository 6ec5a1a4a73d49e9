/**
 * Installer: fetches plugin packages ({@link dev.mp.install.PackageFetcher} for folders, archives,
 * git and npm packages), keeps them in a content-addressed store in the cache ({@link dev.mp.install.PackageStore}),
 * extracts archives safely ({@link dev.mp.install.ArchiveExtractor}), verifies every tree with the one
 * canonical hash ({@code dev.mp.integrity.TreeHash}) before anything is placed, and swaps plugins into
 * the install folder atomically ({@link dev.mp.install.Installer}), keeping the folder a Claude Code
 * marketplace ({@link dev.mp.install.Marketplace}, each entry's {@link dev.mp.install.MarketplaceEntry})
 * and the project's {@code .claude/settings.json} in step ({@link dev.mp.install.ClaudeSettings}), and
 * recording what it installed ({@link dev.mp.install.InstalledState}).
 *
 * <p>Depends on {@code dev.mp.io}, {@code dev.mp.config}, {@code dev.mp.integrity}, {@code dev.mp.auth}
 * (registry tokens for downloads), {@code dev.mp.registry} (the {@code PackageSource} model) and {@code
 * dev.mp.resolve} (versions and npm ranges, for npm packages and git release tags); never on {@code
 * dev.mp.lock}, which builds on it.
 */
package dev.mp.install;
