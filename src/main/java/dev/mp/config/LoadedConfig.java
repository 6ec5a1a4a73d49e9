package dev.mp.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A configuration and where it came from.
 *
 * @param config what was read
 * @param file the project file it was read from, or null when the built-in defaults are in use
 * @param warnings things worth telling the user that do not stop mp (a likely misspelt field)
 */
public record LoadedConfig(RegistriesConfig config, Path file, List<String> warnings) {
  public LoadedConfig {
    warnings = List.copyOf(warnings);
  }

  /** True when the project has no {@code registries.json} and the built-in defaults are used. */
  public boolean isBuiltInDefault() {
    return file == null;
  }
}
