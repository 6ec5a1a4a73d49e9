package dev.mp.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import dev.mp.testing.ClaudeCode;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Source marketplaces and mp projects on disk, for checking what Claude Code loads from each. */
final class Marketplaces {
  private Marketplaces() {}

  /** A Claude Code marketplace being written at {@code root}. */
  static final class Source {
    final Path root;
    final String name;
    private final ArrayNode plugins = Json.array();

    Source(Path root, String name) {
      this.root = root;
      this.name = name;
    }

    /** Adds an entry whose source is {@code ./plugins/<folder>}; returns it to add fields. */
    ObjectNode entry(String plugin, String folder) {
      ObjectNode entry = plugins.addObject();
      entry.put("name", plugin);
      entry.put("source", "./plugins/" + folder);
      return entry;
    }

    /** Writes a file of plugin folder {@code folder}. */
    Source file(String folder, String path, String text) {
      TestFiles.write(root.resolve("plugins").resolve(folder).resolve(path), text);
      return this;
    }

    /** A slash command {@code commands/<command>.md} in plugin folder {@code folder}. */
    Source command(String folder, String command) {
      return file(folder, "commands/" + command + ".md", "---\ndescription: " + command + "\n---\n" + command + "\n");
    }

    Source write() {
      ObjectNode document = Json.object();
      document.put("name", name);
      document.putObject("owner").put("name", "test");
      document.put("description", "Plugins for a test");
      document.set("plugins", plugins);
      TestFiles.write(root.resolve(".claude-plugin/marketplace.json"), CanonicalJson.toString(document, false));
      return this;
    }
  }

  /** A project at {@code project} whose one registry, {@code source}, is the marketplace folder {@code marketplace}. */
  static void project(Path project, Path marketplace) {
    TestFiles.write(project.resolve(".claude/registries.json"), """
        {"registries": [{"name": "source", "url": "%s", "priority": 10, "policy": "open"}]}
        """.formatted(marketplace.toString().replace("\\", "\\\\")));
    TestFiles.write(project.resolve(".claude/policies/plugins.yaml"), "rules: []\n");
  }

  /** The lines of {@code claude plugin details}' component inventory: what Claude Code loads. */
  static List<String> inventory(ClaudeCode.Result details) {
    List<String> lines = new ArrayList<>();
    boolean in = false;
    for (String line : details.stdout().split("\n")) {
      if (line.startsWith("Component inventory")) {
        in = true;
      } else if (in && line.isBlank()) {
        break;
      } else if (in) {
        lines.add(line.strip());
      }
    }
    return lines;
  }

  /** {@code claude plugin list --json}, parsed. */
  static JsonNode installed(ClaudeCode claude, Path workingDir) {
    try {
      return Json.mapper().readTree(claude.ok(workingDir, "plugin", "list", "--json").stdout());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entry of {@code id} in {@link #installed}, or a missing node. */
  static JsonNode installed(JsonNode list, String id) {
    for (JsonNode plugin : list) {
      if (plugin.path("id").asText().equals(id)) {
        return plugin;
      }
    }
    return Json.object().path("missing");
  }
}
