package dev.mp.install;

import dev.mp.registry.PackageSource;

/**
 * What fetching a package learned.
 *
 * @param source the source as it was fetched: a git source carries the commit its ref resolved to
 * @param archiveIntegrity SRI of the archive bytes (given or computed), or null for other kinds
 */
public record Fetched(PackageSource source, String archiveIntegrity) {}
