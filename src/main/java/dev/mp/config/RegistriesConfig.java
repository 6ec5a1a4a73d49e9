package dev.mp.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code .claude/registries.json} says: registries in file order, the federation defaults and any
 * top-level fields mp does not know (kept on save). Immutable.
 */
public record RegistriesConfig(
    List<RegistrySpec> registries, FederationDefaults defaults, Map<String, JsonNode> extra) {

  public RegistriesConfig {
    registries = List.copyOf(registries);
    Objects.requireNonNull(defaults);
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  public static RegistriesConfig empty() {
    return new RegistriesConfig(List.of(), FederationDefaults.DEFAULT, Map.of());
  }

  /** All registries, highest priority first, ties by name. */
  public List<RegistrySpec> byPriority() {
    List<RegistrySpec> sorted = new ArrayList<>(registries);
    sorted.sort(RegistrySpec.BY_PRIORITY_THEN_NAME);
    return List.copyOf(sorted);
  }

  /** Enabled registries, highest priority first, ties by name. */
  public List<RegistrySpec> enabledByPriority() {
    List<RegistrySpec> enabled = new ArrayList<>();
    for (RegistrySpec spec : byPriority()) {
      if (spec.enabled()) {
        enabled.add(spec);
      }
    }
    return List.copyOf(enabled);
  }

  public Optional<RegistrySpec> find(String name) {
    // A loop, not a stream: the policy asks this once for every resolved plugin.
    for (RegistrySpec registry : registries) {
      if (registry.name().equals(name)) {
        return Optional.of(registry);
      }
    }
    return Optional.empty();
  }

  /** This config with {@code spec} added, or replacing the registry of the same name in place. */
  public RegistriesConfig withRegistry(RegistrySpec spec) {
    List<RegistrySpec> updated = new ArrayList<>(registries);
    int index = indexOf(spec.name());
    if (index >= 0) {
      updated.set(index, spec);
    } else {
      updated.add(spec);
    }
    return new RegistriesConfig(updated, defaults, extra);
  }

  /** This config without the registry {@code name} (unchanged when there is none). */
  public RegistriesConfig withoutRegistry(String name) {
    List<RegistrySpec> updated = new ArrayList<>(registries);
    updated.removeIf(r -> r.name().equals(name));
    return new RegistriesConfig(updated, defaults, extra);
  }

  private int indexOf(String name) {
    for (int i = 0; i < registries.size(); i++) {
      if (registries.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
