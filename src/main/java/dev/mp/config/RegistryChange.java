package dev.mp.config;

import java.nio.file.Path;

/**
 * The outcome of adding or removing a registry.
 *
 * @param registry the registry added or removed
 * @param replaced true when {@code add} replaced a registry of the same name
 * @param createdFromDefaults true when the project had no {@code registries.json} and it was created
 *     from the built-in defaults
 * @param file the file written
 */
public record RegistryChange(RegistrySpec registry, boolean replaced, boolean createdFromDefaults, Path file) {}
