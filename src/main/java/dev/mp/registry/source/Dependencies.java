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
 * and reported. Stateless.
 */
final class Dependencies {
  private Dependencies() {}

  static List<DependencySpec> parse(JsonNode node, Consumer<String> problems) {
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
      } else if (item.isObject() && item.path("name").isTextual()) {
        JsonNode version = item.get("version");
        JsonNode marketplace = item.get("marketplace");
        boolean valid = (version == null || version.isTextual() || version.isNull())
            && (marketplace == null || marketplace.isTextual() || marketplace.isNull());
        if (valid) {
          spec = new DependencySpec(item.get("name").textValue().trim(),
              version != null && version.isTextual() ? version.textValue() : null,
              marketplace != null && marketplace.isTextual() ? marketplace.textValue() : null);
        }
      }
      if (spec == null || !PluginNames.isValid(spec.name())) {
        problems.accept("field `dependencies[" + i + "]`: expected `name`, `name@range` or {\"name\", \"version\", "
            + "\"marketplace\"}; left out");
        continue;
      }
      result.add(spec);
    }
    return result;
  }
}
