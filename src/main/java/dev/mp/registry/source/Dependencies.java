package dev.mp.registry.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.registry.DependencySpec;
import dev.mp.registry.PluginNames;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@code dependencies} array in either syntax of DESIGN.md §3: {@code "alpha"}, {@code "beta@^2"},
 * or {@code {"name": "beta", "version": "~2.1.0", "marketplace": "team"}}. Invalid items are left out
 * and reported. A {@code marketplace} names a Claude Code marketplace: the document's own pins the
 * dependency to the registry the document is read from; another is ignored, with a warning, and the
 * dependency resolves across registries as usual. Stateless.
 */
final class Dependencies {
  private Dependencies() {}

  /**
   * @param ownMarketplace the {@code name} of the marketplace being read, or null (an index or folder)
   */
  static List<DependencySpec> parse(JsonNode node, String ownMarketplace, Consumer<String> problems) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      problems.accept("field `dependencies`: expected an array");
      return List.of();
    }
    List<DependencySpec> result = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      DependencySpec spec = null;
      if (item.isTextual() && !item.textValue().isBlank()) {
        spec = DependencySpec.parse(item.textValue());
        String after = spec.range();
        if (!after.equals("*") && ClaudeDependencyForms.reading(after) == null) {
          // `lib@team` is `lib` from marketplace `team` to Claude Code, not a range: read it as the
          // object form's `marketplace`.
          spec = marketplacePin(spec.name(), null, after, ownMarketplace, i, problems);
        }
      } else if (item.isObject() && item.path("name").isTextual()) {
        JsonNode version = item.get("version");
        JsonNode marketplace = item.get("marketplace");
        boolean valid = (version == null || version.isTextual() || version.isNull())
            && (marketplace == null || marketplace.isTextual() || marketplace.isNull());
        if (valid) {
          spec = marketplacePin(item.get("name").textValue().trim(),
              version != null && version.isTextual() ? version.textValue() : null,
              marketplace != null && marketplace.isTextual() ? marketplace.textValue().trim() : null,
              ownMarketplace, i, problems);
        }
      }
      if (spec == null || !PluginNames.isListed(spec.name())) {
        problems.accept("field `dependencies[" + i + "]`: expected `name`, `name@range` or {\"name\", \"version\", "
            + "\"marketplace\"}; left out");
        continue;
      }
      result.add(spec);
    }
    return result;
  }

  /**
   * A dependency naming Claude Code marketplace {@code named} (or none): the document's own marketplace
   * pins it to the registry being read; another is reported and ignored.
   */
  private static DependencySpec marketplacePin(String name, String range, String named, String ownMarketplace,
      int index, Consumer<String> problems) {
    String pin = named != null && named.equals(ownMarketplace) ? DependencySpec.SAME_REGISTRY : null;
    if (named != null && pin == null) {
      problems.accept("field `dependencies[" + index + "]`: marketplace `" + named + "` is not "
          + (ownMarketplace == null ? "a marketplace mp reads here" : "this marketplace (`" + ownMarketplace + "`)")
          + "; `" + name + "` resolves from every registry in priority order");
    }
    return new DependencySpec(name, range, pin);
  }
}
