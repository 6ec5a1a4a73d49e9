package dev.mp.registry;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The enabled registries of a run, in the order they are consulted (priority, then name), each with
 * its index or the reason it has none.
 */
public record RegistrySet(List<LoadedRegistry> registries) {
  public RegistrySet {
    registries = List.copyOf(registries);
  }

  /** The registries that can answer lookups, in priority order. */
  public List<LoadedRegistry> available() {
    List<LoadedRegistry> available = new ArrayList<>(registries.size());
    for (LoadedRegistry registry : registries) {
      if (registry.available()) {
        available.add(registry);
      }
    }
    return List.copyOf(available);
  }

  /**
   * The available registries, or the error for having none.
   *
   * @throws MpException {@code NO_REGISTRIES} when none is configured and enabled, {@code
   *     ALL_REGISTRIES_UNAVAILABLE} when every one failed
   */
  public List<LoadedRegistry> requireAvailable() {
    if (registries.isEmpty()) {
      throw new MpException(ErrorCode.NO_REGISTRIES, "no registry is configured and enabled",
          "add one with `mp registry add NAME URL`");
    }
    List<LoadedRegistry> available = available();
    if (available.isEmpty()) {
      String reasons = registries.stream()
          .map(r -> "`" + r.name() + "`: " + r.problem())
          .collect(Collectors.joining("\n"));
      throw new MpException(ErrorCode.ALL_REGISTRIES_UNAVAILABLE, "every registry is unavailable",
          reasons, "check the network and `mp registry test NAME`; `mp registry sync` fills the cache for `--offline`");
    }
    return available;
  }
}
