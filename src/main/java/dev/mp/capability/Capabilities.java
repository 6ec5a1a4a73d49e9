package dev.mp.capability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one plugin can do: each capability it has, with the names found for it (hook events, server
 * names, hosts, ...). A capability may be present with no names when a declaration could not be
 * followed (a path in a marketplace entry whose folder is not at hand). Immutable; sorted by
 * capability, names sorted, so output built from it is deterministic.
 *
 * @param values capability → names; a capability absent from the map is absent from the plugin
 */
public record Capabilities(SortedMap<Capability, SortedSet<String>> values) {
  /** A plugin that can do none of these things. */
  public static final Capabilities NONE = new Capabilities(new TreeMap<>());

  public Capabilities {
    TreeMap<Capability, SortedSet<String>> copy = new TreeMap<>();
    values.forEach((kind, names) -> copy.put(kind, Collections.unmodifiableSortedSet(new TreeSet<>(names))));
    values = Collections.unmodifiableSortedMap(copy);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public boolean has(Capability capability) {
    return values.containsKey(capability);
  }

  /** The first of {@code wanted}, in capability order, that the plugin has. */
  public Optional<Capability> firstOf(Collection<Capability> wanted) {
    return values.keySet().stream().filter(wanted::contains).findFirst();
  }

  /** The names of {@code capability}; empty when absent or unnamed. */
  public SortedSet<String> names(Capability capability) {
    SortedSet<String> names = values.get(capability);
    return names == null ? Collections.emptySortedSet() : names;
  }

  /** Everything of this and {@code other}. */
  public Capabilities union(Capabilities other) {
    if (other == null || other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    Builder builder = new Builder();
    builder.addAll(this);
    builder.addAll(other);
    return builder.build();
  }

  /** {@code hooks (PreToolUse, SessionStart), mcp-servers (db)}, or {@code none}. */
  public String describe() {
    if (values.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    values.forEach((kind, names) -> parts.add(names.isEmpty() ? kind.wire() : kind.wire() + " (" + String.join(", ", names) + ")"));
    return String.join(", ", parts);
  }

  /** {@code {"hooks": ["SessionStart"], ...}}: the lockfile's form. */
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    values.forEach((kind, names) -> {
      ArrayNode array = node.putArray(kind.wire());
      names.forEach(array::add);
    });
    return node;
  }

  /**
   * Reads the lockfile's form back.
   *
   * @param problem told about each capability or name that is not understood (which is then skipped:
   *     a newer mp may know more capabilities)
   */
  public static Capabilities fromJson(JsonNode node, java.util.function.Consumer<String> problem) {
    Builder builder = new Builder();
    if (node == null || !node.isObject()) {
      problem.accept("expected an object of capability names to lists of names");
      return NONE;
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      Optional<Capability> kind = Capability.parse(field.getKey());
      if (kind.isEmpty()) {
        problem.accept("unknown capability `" + field.getKey() + "`");
        continue;
      }
      if (!field.getValue().isArray()) {
        problem.accept("capability `" + field.getKey() + "`: expected a list of names");
        continue;
      }
      builder.add(kind.get());
      for (JsonNode name : field.getValue()) {
        if (name.isTextual()) {
          builder.add(kind.get(), name.textValue());
        } else {
          problem.accept("capability `" + field.getKey() + "`: expected names as strings");
        }
      }
    }
    return builder.build();
  }

  /** Collects capabilities; not thread-safe. */
  public static final class Builder {
    private final EnumMap<Capability, TreeSet<String>> values = new EnumMap<>(Capability.class);

    /** Marks {@code capability} present (without a name). */
    public Builder add(Capability capability) {
      values.computeIfAbsent(capability, c -> new TreeSet<>());
      return this;
    }

    /** Adds {@code name} under {@code capability}; blank names only mark it present. */
    public Builder add(Capability capability, String name) {
      TreeSet<String> names = values.computeIfAbsent(capability, c -> new TreeSet<>());
      if (name != null && !name.isBlank()) {
        names.add(name);
      }
      return this;
    }

    public Builder addAll(Capabilities capabilities) {
      capabilities.values().forEach((kind, names) -> values.computeIfAbsent(kind, c -> new TreeSet<>()).addAll(names));
      return this;
    }

    public Capabilities build() {
      return values.isEmpty() ? NONE : new Capabilities(new TreeMap<>(values));
    }
  }
}
