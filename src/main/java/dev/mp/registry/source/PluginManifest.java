package dev.mp.registry.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.AtomicFiles;
import dev.mp.io.JsonDocument;
import dev.mp.registry.DependencySpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What mp reads from a plugin's own {@code .claude-plugin/plugin.json}.
 *
 * @param name the plugin's name, or null when the file gives none
 * @param version its version, or null
 * @param description one line, or null
 * @param dependencies in either syntax, possibly empty
 */
record PluginManifest(String name, String version, String description, List<DependencySpec> dependencies) {
  static final String FILE = ".claude-plugin/plugin.json";

  /**
   * Reads the manifest of the plugin folder {@code folder}.
   *
   * @param label how the file is named in warnings
   * @param ownMarketplace the {@code name} of the marketplace the plugin is listed in, or null
   * @return empty when there is no manifest, or when it is malformed (then reported)
   */
  static Optional<PluginManifest> read(Path folder, String label, String ownMarketplace, ParseWarnings warnings) {
    byte[] bytes;
    try {
      bytes = AtomicFiles.readIfExists(folder.resolve(FILE));
    } catch (MpException e) {
      warnings.note(e.getMessage());
      return Optional.empty();
    }
    if (bytes == null) {
      return Optional.empty();
    }
    JsonDocument document;
    try {
      document = JsonDocument.parseJson(label, bytes, ErrorCode.INDEX_INVALID);
    } catch (MpException e) {
      warnings.note(e.getMessage());
      return Optional.empty();
    }
    JsonNode root = document.root();
    if (!root.isObject()) {
      warnings.at(label, "expected a JSON object");
      return Optional.empty();
    }
    List<String> problems = new ArrayList<>();
    String name = optionalText(root, "name", problems);
    String version = optionalText(root, "version", problems);
    String description = optionalText(root, "description", problems);
    List<DependencySpec> dependencies = Dependencies.parse(root.get("dependencies"), ownMarketplace, problems::add);
    for (String problem : problems) {
      warnings.at(label, problem);
    }
    return Optional.of(new PluginManifest(name, version, description, dependencies));
  }

  /**
   * An optional non-blank string field, trimmed; null when absent. Anything else adds a problem (a
   * per-entry warning) and counts as absent, so an odd entry never stops a registry from loading.
   */
  static String optionalText(JsonNode root, String field, List<String> problems) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      problems.add("field `" + field + "`: expected a non-empty string; ignored");
      return null;
    }
    return value.textValue().trim();
  }
}
