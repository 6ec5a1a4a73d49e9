package dev.mp.registry.bench;

import dev.mp.Context;
import dev.mp.Federation;
import dev.mp.registry.LoadedRegistry;
import dev.mp.registry.PluginEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What resolving a set of plugins costs at the registry layer: loads the project's registries through
 * {@link Federation#registries()} (from the cache a sync filled) and looks every name up in every
 * available registry with {@code RegistryIndex.find}, as the resolver does. Usage: {@code LookupBench
 * PROJECT NAMES_FILE CACHE_DIR}.
 */
public final class LookupBench {
  private LookupBench() {}

  public static void main(String[] args) throws IOException {
    Context context = Context.of(Path.of(args[0]), System.getenv()).withCacheDir(Path.of(args[2]));
    List<String> names = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
    List<LoadedRegistry> registries = new Federation(context).registries().requireAvailable();
    int found = 0;
    int candidates = 0;
    for (String name : names) {
      boolean any = false;
      for (LoadedRegistry registry : registries) {
        Optional<PluginEntry> entry = registry.index().find(name);
        if (entry.isPresent()) {
          candidates++;
          any = true;
        }
      }
      found += any ? 1 : 0;
    }
    System.out.println("looked up " + names.size() + " names in " + registries.size() + " registries: " + found
        + " found, " + candidates + " candidates");
  }
}
