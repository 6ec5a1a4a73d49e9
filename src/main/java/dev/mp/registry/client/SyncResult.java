package dev.mp.registry.client;

import java.util.List;

/**
 * The result of {@code registry sync}: one outcome per registry, in priority order (then name).
 */
public record SyncResult(List<SyncOutcome> outcomes) {
  public SyncResult {
    outcomes = List.copyOf(outcomes);
  }

  /** True when every registry asked for is now current. */
  public boolean allSynced() {
    return outcomes.stream().allMatch(o -> o.status().synced());
  }

  /** True when no registry could be synced. */
  public boolean noneSynced() {
    return outcomes.stream().noneMatch(o -> o.status().synced());
  }

  /** The registries that could not be synced. */
  public List<SyncOutcome> failed() {
    return outcomes.stream().filter(o -> !o.status().synced()).toList();
  }
}
