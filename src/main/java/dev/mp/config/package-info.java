/**
 * Project configuration: {@code .claude/registries.json} (registries, priorities, auth, policy modes,
 * federation defaults) and the built-in defaults shipped in {@code config/}.
 *
 * <p>Main types: {@link dev.mp.config.RegistriesConfig} (what the file says), {@link
 * dev.mp.config.RegistrySpec} (one registry), {@link dev.mp.config.ConfigLoader} (load, validate,
 * save atomically, keeping unknown fields), {@link dev.mp.config.MarketplaceNames} (the generated
 * marketplace's name: Claude Code's rules, the per-project default). Depends only on {@code dev.mp.io}.
 */
package dev.mp.config;
