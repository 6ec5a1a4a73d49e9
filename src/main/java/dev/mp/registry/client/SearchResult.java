package dev.mp.registry.client;

import dev.mp.registry.LoadedRegistry;
import dev.mp.registry.PluginEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of {@code mp search}: matches grouped by registry in priority order, sorted by name
 * within each; a plugin offered by several registries appears once per registry.
 */
public record SearchResult(SearchPattern pattern, List<SearchHit> hits) {
  public SearchResult {
    hits = List.copyOf(hits);
  }

  /** Searches the available registries of a run, in the order given. */
  public static SearchResult of(SearchPattern pattern, List<LoadedRegistry> registries) {
    List<SearchHit> hits = new ArrayList<>();
    for (LoadedRegistry registry : registries) {
      registry.index().entries().filter(pattern::matches).forEach(entry -> hits.add(hit(entry, registry.name())));
    }
    return new SearchResult(pattern, hits);
  }

  private static SearchHit hit(PluginEntry entry, String registry) {
    return new SearchHit(entry.name(), entry.latest().version(), registry, entry.description());
  }
}
