package dev.mp.capability;

import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Real plugin folders, one per way of declaring components that Claude Code 2.1 accepts, and what
 * each can do. {@link CapabilityDetectorTest} checks mp's reading of them; {@code
 * CapabilitiesClaudeCodeTest} checks the same folders against the real Claude Code CLI.
 */
final class PluginForms {
  private PluginForms() {}

  private static final String HOOK = "[{\"hooks\": [{\"type\": \"command\", \"command\": \"echo hook\"}]}]";
  private static final String MATCHED_HOOK = "[{\"matcher\": \"Bash\", \"hooks\": [{\"type\": \"command\", \"command\": \"echo hook\"}]}]";

  static String markdown(String name) {
    return "---\n" + (name == null ? "" : "name: " + name + "\n") + "description: a component\n---\nBody.\n";
  }

  /** Name → (folder builder, the capabilities mp must find), in a stable order. */
  static Map<String, Form> all() {
    Map<String, Form> forms = new LinkedHashMap<>();
    forms.put("conventional", new Form(PluginForms::conventional, "hooks (PreToolUse, SessionStart), monitors (watch),"
        + " mcp-servers (db, web), lsp-servers (go), binaries (.helper, tool, tool-link), commands (deploy, ops:restart,"
        + " review), agents (ops:nested, plain, reviewer), skills (search), network (api.example.com)"));
    forms.put("declared-lists", new Form(PluginForms::declaredLists, "hooks (PostToolUse, Stop), mcp-servers (fromfile,"
        + " inline), lsp-servers (rust), commands (x), agents (y), skills (one), network (*.example.org, api.github.com,"
        + " db.example.com:5432)"));
    forms.put("declared-paths", new Form(PluginForms::declaredPaths, "hooks (Notification, UserPromptSubmit),"
        + " mcp-servers (declared, rawsrv), lsp-servers (py, ts), commands (about, inline), agents (ag),"
        + " skills (base, root), network (sse.example.net)"));
    forms.put("folders-and-inline", new Form(PluginForms::foldersAndInline, "mcp-servers (web), commands (deep:two,"
        + " one), agents (q, r), skills (a, b), network (mcp.example.com:8443)"));
    forms.put("nothing", new Form(PluginForms::nothing, "none"));
    return forms;
  }

  /** A way of declaring components, and what mp must read from it. */
  record Form(Builder builder, String expected) {
    Path write(Path folder, String name) {
      builder.write(folder, name);
      return folder;
    }
  }

  @FunctionalInterface
  interface Builder {
    void write(Path folder, String name);
  }

  private static void manifest(Path folder, String name, String fields) {
    TestFiles.write(folder.resolve(".claude-plugin/plugin.json"), "{\"name\": \"" + name + "\", \"version\": \"1.0.0\","
        + " \"description\": \"capability form\"" + (fields.isEmpty() ? "" : ", " + fields) + "}\n");
  }

  /** Only the conventional files and folders. */
  static void conventional(Path folder, String name) {
    manifest(folder, name, "");
    TestFiles.write(folder.resolve("hooks/hooks.json"), "{\"hooks\": {\"SessionStart\": " + HOOK + ", \"PreToolUse\": "
        + MATCHED_HOOK + ", \"NotAnEvent\": " + HOOK + "}}");
    TestFiles.write(folder.resolve(".mcp.json"), "{\"mcpServers\": {\"db\": {\"command\": \"node\", \"args\": [\"db.js\"]},"
        + " \"web\": {\"type\": \"http\", \"url\": \"https://api.example.com/mcp\"}}}");
    TestFiles.write(folder.resolve(".lsp.json"), "{\"go\": {\"command\": \"gopls\", \"extensionToLanguage\": {\".go\": \"go\"}}}");
    TestFiles.write(folder.resolve("monitors/monitors.json"), "[{\"name\": \"watch\", \"command\": \"tail -f log\","
        + " \"description\": \"watch the log\"}]");
    TestFiles.write(folder.resolve("bin/tool"), "#!/bin/sh\necho tool\n");
    TestFiles.write(folder.resolve("bin/.helper"), "#!/bin/sh\n");
    TestFiles.write(folder.resolve("bin/nested/ignored"), "not on the PATH\n");
    link(folder.resolve("bin/tool-link"), "tool");
    TestFiles.write(folder.resolve("commands/review.md"), markdown(null));
    TestFiles.write(folder.resolve("commands/ops/restart.md"), markdown(null));
    TestFiles.write(folder.resolve("commands/deploy/SKILL.md"), markdown("deploy"));
    TestFiles.write(folder.resolve("commands/notes.txt"), "not a command\n");
    TestFiles.write(folder.resolve("agents/file-name.md"), markdown("reviewer"));
    TestFiles.write(folder.resolve("agents/plain.md"), "An agent without front matter.\n");
    TestFiles.write(folder.resolve("agents/ops/nested.md"), markdown("nested"));
    TestFiles.write(folder.resolve("skills/search/SKILL.md"), markdown("search"));
    TestFiles.write(folder.resolve("skills/loose.md"), "not a skill\n");
    TestFiles.write(folder.resolve("skills/group/inner/SKILL.md"), markdown("inner"));
  }

  /** plugin.json fields given as lists mixing paths and inline objects. */
  static void declaredLists(Path folder, String name) {
    manifest(folder, name, "\"hooks\": [\"./h/extra.json\", {\"PostToolUse\": " + MATCHED_HOOK + "}],"
        + " \"mcpServers\": [\"./m/servers.json\", {\"inline\": {\"command\": \"python\", \"args\": [\"s.py\"],"
        + " \"network\": {\"hosts\": [\"db.example.com:5432\"]}}}],"
        + " \"lspServers\": {\"rust\": {\"command\": \"rust-analyzer\", \"extensionToLanguage\": {\".rs\": \"rust\"}}},"
        + " \"commands\": [\"./cmds/x.md\"], \"agents\": \"./ag/y.md\", \"skills\": [\"./sk/one\"],"
        + " \"network\": {\"hosts\": [\"api.github.com\", \"*.example.org\"]}");
    TestFiles.write(folder.resolve("h/extra.json"), "{\"hooks\": {\"Stop\": " + HOOK + "}}");
    TestFiles.write(folder.resolve("m/servers.json"), "{\"mcpServers\": {\"fromfile\": {\"command\": \"deno\"}}}");
    TestFiles.write(folder.resolve("cmds/x.md"), markdown(null));
    TestFiles.write(folder.resolve("commands/not-loaded.md"), markdown(null));
    TestFiles.write(folder.resolve("ag/y.md"), markdown("y"));
    TestFiles.write(folder.resolve("sk/one/SKILL.md"), markdown("one"));
    TestFiles.write(folder.resolve("sk/two/SKILL.md"), markdown("two"));
  }

  /** plugin.json fields given as single paths, next to the conventional files they add to. */
  static void declaredPaths(Path folder, String name) {
    manifest(folder, name, "\"hooks\": \"./hooks/more.json\", \"mcpServers\": \"./servers.json\","
        + " \"lspServers\": \"./lsp2.json\", \"commands\": {\"about\": {\"source\": \"./cmds/about.md\"},"
        + " \"inline\": {\"content\": \"hello\"}}, \"skills\": \"./\"");
    TestFiles.write(folder.resolve("hooks/hooks.json"), "{\"hooks\": {\"UserPromptSubmit\": " + HOOK + "}}");
    TestFiles.write(folder.resolve("hooks/more.json"), "{\"hooks\": {\"Notification\": " + HOOK + "}}");
    TestFiles.write(folder.resolve(".mcp.json"), "{\"rawsrv\": {\"command\": \"x\"}}");
    TestFiles.write(folder.resolve("servers.json"), "{\"declared\": {\"type\": \"sse\", \"url\": \"https://sse.example.net/x\"}}");
    TestFiles.write(folder.resolve(".lsp.json"), "{\"py\": {\"command\": \"pyright\", \"extensionToLanguage\": {\".py\": \"python\"}}}");
    TestFiles.write(folder.resolve("lsp2.json"), "{\"ts\": {\"command\": \"tsls\", \"extensionToLanguage\": {\".ts\": \"typescript\"}}}");
    TestFiles.write(folder.resolve("commands/auto.md"), markdown(null));
    TestFiles.write(folder.resolve("cmds/about.md"), markdown(null));
    TestFiles.write(folder.resolve("agents/ag.md"), markdown("ag"));
    TestFiles.write(folder.resolve("skills/base/SKILL.md"), markdown("base"));
    TestFiles.write(folder.resolve("SKILL.md"), markdown("root"));
  }

  /** A folder of skills, a list of agents, a folder of commands, an inline remote MCP server with a port. */
  static void foldersAndInline(Path folder, String name) {
    manifest(folder, name, "\"skills\": [\"./extra/skills\"], \"agents\": [\"./agents2/q.md\", \"./agents2/r.md\"],"
        + " \"commands\": [\"./cmdsdir\"], \"mcpServers\": {\"web\": {\"type\": \"http\","
        + " \"url\": \"https://mcp.example.com:8443/v1\"}}");
    TestFiles.write(folder.resolve("extra/skills/a/SKILL.md"), markdown("a"));
    TestFiles.write(folder.resolve("extra/skills/b/SKILL.md"), markdown("b"));
    TestFiles.write(folder.resolve("agents2/q.md"), markdown("q"));
    TestFiles.write(folder.resolve("agents2/r.md"), markdown("r"));
    TestFiles.write(folder.resolve("agents/not-loaded.md"), markdown("not-loaded"));
    TestFiles.write(folder.resolve("cmdsdir/one.md"), markdown(null));
    TestFiles.write(folder.resolve("cmdsdir/deep/two.md"), markdown(null));
  }

  static void nothing(Path folder, String name) {
    manifest(folder, name, "");
    TestFiles.write(folder.resolve("README.md"), "# A plugin that only has a readme\n");
  }

  static void link(Path link, String target) {
    try {
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, Path.of(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
