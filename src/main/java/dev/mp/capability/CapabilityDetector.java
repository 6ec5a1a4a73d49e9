package dev.mp.capability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.io.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a plugin's capabilities the way Claude Code 2.1 reads its components (checked against the
 * {@code Provides:} list of {@code claude plugin validate} and the inventory of {@code claude plugin
 * details}): the component fields of {@code .claude-plugin/plugin.json} and of the marketplace entry
 * (both count, as Claude Code merges them), and the conventional files — {@code hooks/hooks.json},
 * {@code .mcp.json}, {@code .lsp.json}, {@code monitors/monitors.json}, {@code bin/}, {@code commands/},
 * {@code agents/}, {@code skills/}.
 *
 * <p>Each field takes the forms Claude Code accepts: a path (or list of paths) relative to the plugin
 * root, an inline object, or a list mixing both. Declaring {@code commands}, {@code agents} or
 * {@code monitors} replaces the conventional folder (as in Claude Code); hooks, MCP and LSP servers
 * and skills add to it. Hook events Claude Code does not know are ignored, as Claude Code ignores
 * them. Malformed or unreadable files declare nothing; paths leaving the plugin folder are not
 * followed. Stateless and thread-safe.
 */
public final class CapabilityDetector {
  /** The hook events of Claude Code 2.1.332; an unknown event is ignored at runtime. */
  static final Set<String> HOOK_EVENTS = Set.of("PreToolUse", "PostToolUse", "PostToolUseFailure", "PostToolBatch",
      "Notification", "UserPromptSubmit", "UserPromptExpansion", "SessionStart", "SessionEnd", "Stop", "StopFailure",
      "SubagentStart", "SubagentStop", "PreCompact", "PostCompact", "PreModelSwitch", "PostModelSwitch",
      "PermissionRequest", "PermissionDenied", "Setup", "TeammateIdle", "TaskCreated", "TaskCompleted", "Elicitation",
      "ElicitationResult", "ConfigChange", "WorktreeCreate", "WorktreeRemove", "InstructionsLoaded", "CwdChanged",
      "FileChanged", "DirectoryAdded", "MessageDisplay", "PreSkillShellCommand");
  /** The names Claude Code accepts as keys of {@code binaries}. */
  private static final Pattern BINARY_NAME = Pattern.compile("[a-z0-9](?:[a-z0-9._-]*[a-z0-9_-])?");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final int MAX_BINARIES = 64;
  private static final String SKILL_FILE = "SKILL.md";

  private CapabilityDetector() {}

  /**
   * The capabilities of the plugin in {@code folder}, with those its marketplace entry declares.
   *
   * @param entryFields the entry's Claude Code fields as a JSON object, or null when there is no entry
   */
  public static Capabilities ofFolder(Path folder, String entryFields) {
    PluginTree tree = new PluginTree(folder);
    JsonNode manifest = tree.json(".claude-plugin/plugin.json").filter(JsonNode::isObject).orElse(null);
    return new Detection(tree).run(manifest, entry(entryFields));
  }

  /**
   * What a marketplace entry declares when the plugin's folder is not at hand: inline declarations
   * with their names; a declared path only marks its capability present.
   *
   * @param entryFields the entry's Claude Code fields as a JSON object, or null
   */
  public static Capabilities ofEntry(String entryFields) {
    JsonNode entry = entry(entryFields);
    return entry == null ? Capabilities.NONE : new Detection(null).run(null, entry);
  }

  private static JsonNode entry(String entryFields) {
    if (entryFields == null || entryFields.isBlank()) {
      return null;
    }
    try {
      JsonNode node = Json.readTree(entryFields.getBytes(StandardCharsets.UTF_8));
      return node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** One detection: the tree (null without a folder) and what has been found. */
  private static final class Detection {
    private final PluginTree tree;
    private final Capabilities.Builder found = new Capabilities.Builder();

    Detection(PluginTree tree) {
      this.tree = tree;
    }

    Capabilities run(JsonNode manifest, JsonNode entry) {
      hooks(declared(manifest, entry, "hooks"));
      monitors(declared(manifest, entry, "monitors"));
      mcpServers(declared(manifest, entry, "mcpServers"));
      lspServers(declared(manifest, entry, "lspServers"));
      binaries(declared(manifest, entry, "binaries"));
      commands(declared(manifest, entry, "commands"));
      agents(declared(manifest, entry, "agents"));
      skills(declared(manifest, entry, "skills"));
      for (JsonNode network : declared(manifest, entry, "network")) {
        hosts(network);
      }
      return found.build();
    }

    private static List<JsonNode> declared(JsonNode manifest, JsonNode entry, String field) {
      List<JsonNode> values = new ArrayList<>(2);
      for (JsonNode source : new JsonNode[] {manifest, entry}) {
        JsonNode value = source == null ? null : source.get(field);
        if (value != null && !value.isNull()) {
          values.add(value);
        }
      }
      return values;
    }

    /** Each item of a field that may be one value or a list of them. */
    private static List<JsonNode> items(List<JsonNode> values) {
      List<JsonNode> items = new ArrayList<>();
      for (JsonNode value : values) {
        if (value.isArray()) {
          value.forEach(items::add);
        } else {
          items.add(value);
        }
      }
      return items;
    }

    private void hooks(List<JsonNode> declared) {
      if (tree != null) {
        tree.json("hooks/hooks.json").ifPresent(this::hooksFile);
      }
      for (JsonNode item : items(declared)) {
        if (item.isTextual()) {
          if (tree == null) {
            found.add(Capability.HOOKS);
          } else {
            tree.json(item.textValue()).ifPresent(this::hooksFile);
          }
        } else if (item.isObject()) {
          hookEvents(item);
        }
      }
    }

    /** A hooks file: {@code {"hooks": {EVENT: [...]}, "modules": ["./mod.mjs"]}}. */
    private void hooksFile(JsonNode file) {
      if (!file.isObject()) {
        return;
      }
      hookEvents(file.path("hooks"));
      for (JsonNode module : file.path("modules")) {
        if (module.isTextual() && !module.textValue().isBlank()) {
          found.add(Capability.HOOKS, "module:" + module.textValue());
        }
      }
    }

    /** {@code {EVENT: [{"matcher"?, "hooks": [...]}, ...]}}: the events with at least one hook. */
    private void hookEvents(JsonNode events) {
      if (!events.isObject()) {
        return;
      }
      for (Map.Entry<String, JsonNode> event : events.properties()) {
        if (!HOOK_EVENTS.contains(event.getKey()) || !event.getValue().isArray()) {
          continue;
        }
        for (JsonNode matcher : event.getValue()) {
          JsonNode hooks = matcher.path("hooks");
          if (hooks.isArray() && !hooks.isEmpty()) {
            found.add(Capability.HOOKS, event.getKey());
            break;
          }
        }
      }
    }

    private void monitors(List<JsonNode> declared) {
      if (declared.isEmpty() && tree != null) {
        tree.json("monitors/monitors.json").ifPresent(this::monitorList);
      }
      for (JsonNode value : declared) {
        if (value.isTextual()) {
          if (tree == null) {
            found.add(Capability.MONITORS);
          } else {
            tree.json(value.textValue()).ifPresent(this::monitorList);
          }
        } else {
          monitorList(value);
        }
      }
    }

    private void monitorList(JsonNode list) {
      for (JsonNode monitor : list.isArray() ? list : Json.array()) {
        if (monitor.isObject()) {
          found.add(Capability.MONITORS, monitor.path("name").isTextual() ? monitor.get("name").textValue() : null);
        }
      }
    }

    private void mcpServers(List<JsonNode> declared) {
      if (tree != null) {
        tree.json(".mcp.json").ifPresent(this::mcpFile);
      }
      for (JsonNode item : items(declared)) {
        if (item.isTextual()) {
          String text = item.textValue();
          if (text.toLowerCase(Locale.ROOT).endsWith(".mcpb")) {
            String file = text.substring(text.lastIndexOf('/') + 1);
            found.add(Capability.MCP_SERVERS, file.substring(0, file.length() - ".mcpb".length()));
            host(text);
          } else if (tree == null) {
            found.add(Capability.MCP_SERVERS);
          } else {
            tree.json(text).ifPresent(this::mcpFile);
          }
        } else if (item.isObject()) {
          mcpMap(item);
        }
      }
    }

    /** {@code .mcp.json}: {@code {"mcpServers": {...}}} or the servers themselves. */
    private void mcpFile(JsonNode file) {
      JsonNode servers = file.path("mcpServers");
      mcpMap(servers.isObject() ? servers : file);
    }

    private void mcpMap(JsonNode servers) {
      if (!servers.isObject()) {
        return;
      }
      for (Map.Entry<String, JsonNode> server : servers.properties()) {
        JsonNode config = server.getValue();
        if (!config.isObject()) {
          continue;
        }
        found.add(Capability.MCP_SERVERS, server.getKey());
        if (config.path("url").isTextual()) {
          host(config.get("url").textValue());
        }
        hosts(config.path("network"));
      }
    }

    /** {@code .lsp.json} and inline {@code lspServers}: servers by name, each with a {@code command}. */
    private void lspServers(List<JsonNode> declared) {
      if (tree != null) {
        tree.json(".lsp.json").ifPresent(this::lspMap);
      }
      for (JsonNode item : items(declared)) {
        if (item.isTextual()) {
          if (tree == null) {
            found.add(Capability.LSP_SERVERS);
          } else {
            tree.json(item.textValue()).ifPresent(this::lspMap);
          }
        } else {
          lspMap(item);
        }
      }
    }

    private void lspMap(JsonNode servers) {
      if (!servers.isObject()) {
        return;
      }
      for (Map.Entry<String, JsonNode> server : servers.properties()) {
        if (server.getValue().path("command").isTextual()) {
          found.add(Capability.LSP_SERVERS, server.getKey());
        }
      }
    }

    /** {@code bin/} (files and links directly in it) and {@code binaries} (fetched into bin/ at install). */
    private void binaries(List<JsonNode> declared) {
      if (tree != null) {
        for (Path child : tree.list(tree.root().resolve("bin"))) {
          if (!tree.isDirectory(child)) {
            found.add(Capability.BINARIES, PluginTree.name(child));
          }
        }
      }
      for (JsonNode value : declared) {
        int count = 0;
        for (Map.Entry<String, JsonNode> binary : value.isObject() ? value.properties() : Json.object().properties()) {
          if (count < MAX_BINARIES && BINARY_NAME.matcher(binary.getKey()).matches()
              && SHA256.matcher(binary.getValue().path("sha256").asText("")).matches()) {
            found.add(Capability.BINARIES, binary.getKey());
            count++;
          }
        }
      }
    }

    private void commands(List<JsonNode> declared) {
      if (declared.isEmpty()) {
        if (tree != null) {
          scanCommands(tree.root().resolve("commands"), "");
        }
        return;
      }
      for (JsonNode item : items(declared)) {
        if (item.isTextual()) {
          commandPath(item.textValue());
        } else if (item.isObject()) {
          for (Map.Entry<String, JsonNode> command : item.properties()) {
            JsonNode spec = command.getValue();
            if (spec.isObject() && (spec.path("source").isTextual() || spec.path("content").isTextual())) {
              found.add(Capability.COMMANDS, command.getKey());
            }
          }
        }
      }
    }

    private void commandPath(String relative) {
      if (tree == null) {
        found.add(Capability.COMMANDS, relative.endsWith(".md") ? stem(relative) : null);
        return;
      }
      tree.resolve(relative).ifPresent(path -> {
        if (tree.isFile(path) && PluginTree.name(path).endsWith(".md")) {
          found.add(Capability.COMMANDS, stem(PluginTree.name(path)));
        } else if (tree.isFile(path.resolve(SKILL_FILE))) {
          found.add(Capability.COMMANDS, PluginTree.name(path));
        } else {
          scanCommands(path, "");
        }
      });
    }

    /** {@code commands/}: markdown files and skill folders, nested folders as {@code sub:name}. */
    private void scanCommands(Path folder, String prefix) {
      for (Path child : tree.list(folder)) {
        String name = PluginTree.name(child);
        if (name.startsWith(".")) {
          continue;
        }
        if (tree.isDirectory(child)) {
          if (tree.isFile(child.resolve(SKILL_FILE))) {
            found.add(Capability.COMMANDS, prefix + name);
          } else {
            scanCommands(child, prefix + name + ":");
          }
        } else if (tree.isFile(child) && name.endsWith(".md")) {
          found.add(Capability.COMMANDS, prefix + stem(name));
        }
      }
    }

    private void agents(List<JsonNode> declared) {
      if (declared.isEmpty()) {
        if (tree != null) {
          scanAgents(tree.root().resolve("agents"), "");
        }
        return;
      }
      for (JsonNode item : items(declared)) {
        if (!item.isTextual()) {
          continue;
        }
        if (tree == null) {
          found.add(Capability.AGENTS);
          continue;
        }
        tree.resolve(item.textValue()).ifPresent(path -> {
          if (tree.isFile(path)) {
            found.add(Capability.AGENTS, agentName(path));
          } else {
            scanAgents(path, "");
          }
        });
      }
    }

    private void scanAgents(Path folder, String prefix) {
      for (Path child : tree.list(folder)) {
        String name = PluginTree.name(child);
        if (name.startsWith(".")) {
          continue;
        }
        if (tree.isDirectory(child)) {
          scanAgents(child, prefix + name + ":");
        } else if (tree.isFile(child) && name.endsWith(".md")) {
          found.add(Capability.AGENTS, prefix + agentName(child));
        }
      }
    }

    /** An agent is named by its front matter's {@code name}, else by its file. */
    private String agentName(Path file) {
      return tree.frontmatterName(file).orElse(stem(PluginTree.name(file)));
    }

    private void skills(List<JsonNode> declared) {
      if (tree != null) {
        scanSkills(tree.root().resolve("skills"));
      }
      for (JsonNode item : items(declared)) {
        if (!item.isTextual()) {
          continue;
        }
        if (tree == null) {
          found.add(Capability.SKILLS);
          continue;
        }
        tree.resolve(item.textValue()).ifPresent(path -> {
          if (tree.isFile(path.resolve(SKILL_FILE))) {
            // The plugin root as a skill is named by its front matter: the folder's own name is arbitrary.
            String name = path.equals(tree.root())
                ? tree.frontmatterName(path.resolve(SKILL_FILE)).orElse(PluginTree.name(path))
                : PluginTree.name(path);
            found.add(Capability.SKILLS, name);
          } else {
            scanSkills(path);
          }
        });
      }
    }

    /** A folder of skills: each sub-folder holding {@code SKILL.md}. */
    private void scanSkills(Path folder) {
      for (Path child : tree.list(folder)) {
        String name = PluginTree.name(child);
        if (!name.startsWith(".") && tree.isDirectory(child) && tree.isFile(child.resolve(SKILL_FILE))) {
          found.add(Capability.SKILLS, name);
        }
      }
    }

    /** {@code {"hosts": ["api.example.com", "*.example.org", "db:5432"]}}. */
    private void hosts(JsonNode network) {
      for (JsonNode host : network.path("hosts")) {
        if (host.isTextual() && !host.textValue().isBlank()) {
          found.add(Capability.NETWORK, host.textValue().strip().toLowerCase(Locale.ROOT));
        }
      }
    }

    /** The host (and port, when given) of a remote server's URL. */
    private void host(String url) {
      try {
        URI uri = URI.create(url.strip());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() != null && (scheme.equals("http") || scheme.equals("https") || scheme.equals("ws")
            || scheme.equals("wss"))) {
          found.add(Capability.NETWORK, uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        }
      } catch (IllegalArgumentException e) {
        // Not a URL: nothing to add.
      }
    }

    private static String stem(String file) {
      String name = file.substring(file.lastIndexOf('/') + 1);
      return name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
    }
  }
}
