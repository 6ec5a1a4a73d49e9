/**
 * The registry cache (DESIGN.md §2, §6, §9): {@code <cache>/index-v1/<sha256 of the redacted canonical
 * location>/} holds {@code meta.json} ({@link dev.mp.registry.cache.CacheMeta}), the raw index as
 * downloaded, and a lookup file ({@link dev.mp.registry.cache.LookupIndex}): a memory-mapped hash
 * table over compact binary records, so that finding a plugin by name reads a few pages instead of
 * parsing the index. Writes are atomic and serialised per entry with a lock file; readers never lock.
 *
 * <p>Depends on {@code dev.mp.registry} (the model), {@code dev.mp.io} and the root package.
 */
package dev.mp.registry.cache;
