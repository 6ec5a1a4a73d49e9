package dev.mp.claude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.io.Json;
import dev.mp.testing.ClaudeCode;
import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dependency ranges as the real Claude Code CLI enforces them (a plugin whose {@code plugin.json}
 * requires {@code {"name": "lib", "version": RANGE}} fails to load when the installed {@code lib} is
 * outside the range) agree with mp's resolution of the same plugin; and what mp installs loads in
 * Claude Code with every dependency satisfied, its generated entries carrying the object form.
 */
class DependencyRangesTest {
  @TempDir Path temp;

  /** range → the one version of {@code lib} on offer. */
  private static final List<String[]> CASES = List.of(
      new String[] {"^1.0", "1.2.0"}, new String[] {"^1.0", "2.0.0"}, new String[] {"~1.2.0", "1.2.9"},
      new String[] {"~1.2.0", "1.3.0"}, new String[] {">=1.0 <2", "1.9.9"}, new String[] {">=1.0 <2", "2.0.0"},
      new String[] {"1.x", "1.4.0"}, new String[] {"1.x", "2.0.0"}, new String[] {"*", "3.0.0"},
      new String[] {"^0.2.0", "0.2.5"}, new String[] {"^0.2.0", "0.3.0"}, new String[] {"1.2.0", "1.2.0"},
      new String[] {"1.2.0", "1.2.1"}, new String[] {">1.2.0", "1.2.0"}, new String[] {"<2", "1.9.9"},
      new String[] {"~1", "1.9.0"}, new String[] {"^1.0 || ^2.0", "2.5.0"}, new String[] {"^1.0 || ^2.0", "3.0.0"},
      new String[] {"1.0 - 1.5", "1.3.0"}, new String[] {"1.0 - 1.5", "1.6.0"}, new String[] {"^1.0", "1.1.0-beta.1"},
      new String[] {">=1.0.0-alpha", "1.0.0-beta"}, new String[] {"=1.2.0", "1.2.0"});

  @Test
  void claudeCodeEnforcesDependencyRangesAsMpResolvesThem() throws Exception {
    Path source = temp.resolve("ranges");
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < CASES.size(); i++) {
      String range = CASES.get(i)[0];
      String version = CASES.get(i)[1];
      TestFiles.write(source.resolve("lib" + i + "/.claude-plugin/plugin.json"),
          "{\"name\": \"lib" + i + "\", \"version\": \"" + version + "\"}");
      TestFiles.write(source.resolve("app" + i + "/.claude-plugin/plugin.json"), "{\"name\": \"app" + i
          + "\", \"version\": \"1.0.0\", \"dependencies\": [{\"name\": \"lib" + i + "\", \"version\": \"" + range + "\"}]}");
      TestFiles.write(source.resolve("app" + i + "/commands/run.md"), "---\ndescription: run\n---\nrun\n");
      entries.append(i == 0 ? "" : ",").append("{\"name\": \"lib").append(i).append("\", \"source\": \"./lib").append(i)
          .append("\"}, {\"name\": \"app").append(i).append("\", \"source\": \"./app").append(i).append("\"}");
    }
    TestFiles.write(source.resolve(".claude-plugin/marketplace.json"),
        "{\"name\": \"ranges\", \"owner\": {\"name\": \"t\"}, \"plugins\": [" + entries + "]}");

    Path project = temp.resolve("ranged");
    Marketplaces.project(project, source);
    Cli mp = new Cli(project, temp.resolve("cache"));
    ClaudeCode claude = ClaudeCode.require(temp.resolve("home-source"));
    claude.ok(source, "plugin", "marketplace", "add", source.toString());
    Map<String, Boolean> mpSatisfies = new LinkedHashMap<>();
    List<String> satisfiable = new ArrayList<>();
    for (int i = 0; i < CASES.size(); i++) {
      String label = "lib " + CASES.get(i)[1] + " for " + CASES.get(i)[0];
      Cli.Result resolved = mp.run("resolve", "app" + i);
      assertThat(resolved.exitCode()).as("%s: %s", label, resolved).isIn(0, 1);
      mpSatisfies.put(label, resolved.exitCode() == 0);
      if (resolved.exitCode() == 0) {
        satisfiable.add("app" + i);
      }
      claude.ok(source, "plugin", "install", "app" + i + "@ranges");
    }
    JsonNode list = Marketplaces.installed(claude, source);
    Map<String, Boolean> claudeSatisfies = new LinkedHashMap<>();
    for (int i = 0; i < CASES.size(); i++) {
      JsonNode app = Marketplaces.installed(list, "app" + i + "@ranges");
      assertThat(app.isMissingNode()).isFalse();
      claudeSatisfies.put("lib " + CASES.get(i)[1] + " for " + CASES.get(i)[0],
          !app.path("errors").toString().contains("Requires"));
    }
    assertThat(mpSatisfies).isEqualTo(claudeSatisfies);
    assertThat(mpSatisfies).containsValue(true).containsValue(false);

    List<String> install = new ArrayList<>(List.of("install"));
    install.addAll(satisfiable);
    Cli.Result installed = mp.run(install.toArray(String[]::new));
    assertThat(installed.exitCode()).as(installed.toString()).isZero();
    JsonNode generated = Json.mapper().readTree(project.resolve(".claude/plugins/.claude-plugin/marketplace.json").toFile());
    assertThat(generated.at("/plugins").findValues("dependencies")).hasSize(satisfiable.size()).allSatisfy(dependencies ->
        assertThat(dependencies.get(0).path("name").asText()).startsWith("lib"));
    assertThat(generated.at("/plugins").findValues("dependencies").toString())
        .contains("{\"name\":\"lib0\",\"version\":\"^1.0\"}").contains("{\"name\":\"lib8\"}");
    ClaudeCode fromMp = ClaudeCode.require(temp.resolve("home-mp"));
    fromMp.ok(project, "plugin", "marketplace", "add", "./.claude/plugins");
    for (String app : satisfiable) {
      fromMp.ok(project, "plugin", "install", app + "@mp-ranged");
    }
    JsonNode loaded = Marketplaces.installed(fromMp, project);
    for (String app : satisfiable) {
      assertThat(Marketplaces.installed(loaded, app + "@mp-ranged").path("errors")).as(app).isEmpty();
    }
  }
}
