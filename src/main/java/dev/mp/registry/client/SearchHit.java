package dev.mp.registry.client;

/**
 * One plugin found by {@code mp search}.
 *
 * @param version the latest release's version
 * @param registry the registry offering it
 * @param description its description, or null
 */
public record SearchHit(String name, String version, String registry, String description) {}
