package dev.mp.install;

import dev.mp.Reporter;
import dev.mp.io.AtomicFiles;
import dev.mp.io.Json;
import dev.mp.registry.source.ClaudeDependencyForms;
import java.io.IOException;

/**
 * Warns when a staged plugin's own {@code plugin.json} writes dependencies Claude Code rejects or reads
 * differently ({@link ClaudeDependencyForms}): the generated marketplace entry carries them in the
 * object form, but Claude Code still reads the plugin's file, whose content the integrity pins.
 * Stateless.
 */
final class DependencyForms {
  private DependencyForms() {}

  static void warn(StagedPlugin plugin, Reporter reporter) {
    byte[] manifest = AtomicFiles.readIfExists(plugin.folder().resolve(".claude-plugin/plugin.json"));
    if (manifest == null) {
      return;
    }
    try {
      for (ClaudeDependencyForms.Problem problem : ClaudeDependencyForms.check(Json.readTree(manifest).get("dependencies"))) {
        reporter.warn("`" + plugin.plan().name() + "` " + plugin.plan().version() + ": `.claude-plugin/plugin.json` "
            + problem.message());
      }
    } catch (IOException | RuntimeException e) {
      // A manifest that is not JSON is Claude Code's to report when it loads the plugin.
    }
  }
}
