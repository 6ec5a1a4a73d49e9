/**
 * Project configuration: {@code .claude/registries.json} (registries, priorities, auth, policy modes,
 * federation defaults) and the built-in defaults shipped in {@code config/}.
 *
 * <p>Main types: {@link dev.mp.config.RegistriesConfig} (what the file says), {@link
 * dev.mp.config.RegistrySpec} (one registry), {@link dev.mp.config.ConfigLoader} (load, validate,
 * save atomically, keeping unknown fields). Depends only on {@code dev.mp.io}.
 */
package dev.mp.config;
