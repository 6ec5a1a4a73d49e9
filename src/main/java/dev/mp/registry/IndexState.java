package dev.mp.registry;

/** How current a registry's index is for this run. */
public enum IndexState {
  /** Fetched or revalidated now, or a local source read now. */
  FRESH,
  /** From the cache, within its TTL. */
  CACHED,
  /** From the cache, past its TTL, because the registry could not be reached (or {@code --offline}). */
  STALE,
  /** Nothing usable: the registry failed and nothing was cached. */
  UNAVAILABLE
}
