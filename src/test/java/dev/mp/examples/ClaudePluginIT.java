package dev.mp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.ErrorCode;
import dev.mp.io.JsonDocument;
import dev.mp.registry.LoopbackServer;
import dev.mp.testing.ClaudeCode;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mp Claude Code plugin brings its own CLI, checked the way a user gets it: a copy of
 * {@code claude-plugin/} outside the repository, in a marketplace of its own, installed by the real
 * Claude Code CLI into its plugin cache. From there, {@code bin/mp} (what Claude Code puts on the Bash
 * tool's PATH) downloads the pinned jar through the plugin's wrapper from a loopback Maven repository
 * and runs in an unrelated project; the {@code SessionStart} hook says nothing without a lockfile or
 * when nothing drifted, and names the drift when there is one.
 */
class ClaudePluginIT {
  private static final Path REPO = Path.of("").toAbsolutePath();
  private static final String VERSION = "0.1.0";

  @TempDir Path temp;

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** A command's output, run with an environment of its own (nothing inherited). */
  private record Run(int exitCode, String stdout, String stderr, long millis) {
    String output() {
      return stdout + stderr;
    }
  }

  private Run run(Path dir, Map<String, String> env, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Path out = Files.createTempFile(temp, "out", ".txt");
    Path err = Files.createTempFile(temp, "err", ".txt");
    long start = System.nanoTime();
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8), (System.nanoTime() - start) / 1_000_000);
  }

  @Test
  void theInstalledPluginRunsItsPinnedCliAndItsHookInAnyProject() throws Exception {
    byte[] jar = Files.readAllBytes(Path.of("target/mp.jar"));
    try (LoopbackServer maven = LoopbackServer.start()) {
      String jarPath = "/maven2/dev/mp/mp/" + VERSION + "/mp-" + VERSION + ".jar";
      maven.on(jarPath + ".sha256", exchange -> LoopbackServer.send(exchange, 200,
          sha256Unchecked(jar).getBytes(StandardCharsets.UTF_8), "text/plain"));
      maven.on(jarPath, exchange -> LoopbackServer.send(exchange, 200, jar, "application/java-archive"));

      // A marketplace outside the repository: its marketplace.json and a copy of the plugin, whose
      // wrapper is pinned again (by `mp wrapper`, run from the jar this build made: as a release does)
      // to that jar, downloaded from the loopback repository.
      Path market = temp.resolve("market");
      TestFiles.copyTree(REPO.resolve(".claude-plugin"), market.resolve(".claude-plugin"));
      TestFiles.copyTree(REPO.resolve("claude-plugin"), market.resolve("claude-plugin"));
      Files.delete(market.resolve("claude-plugin/.mp/wrapper.properties"));
      Map<String, String> env = new TreeMap<>(Map.of("HOME", temp.resolve("home").toString(),
          "PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8", "NO_COLOR", "1",
          "MP_CACHE_DIR", temp.resolve("mp-cache").toString()));
      Run pin = run(market, env, "java", "-jar", REPO.resolve("target/mp.jar").toString(), "-C",
          market.resolve("claude-plugin").toString(), "wrapper", "--repository-url", maven.url("/maven2"));
      assertThat(pin.exitCode()).as(pin.output()).isZero();
      assertThat(pin.stderr()).contains("of the running mp jar");
      assertThat(maven.requests()).isEmpty();

      ClaudeCode claude = ClaudeCode.require(temp.resolve("claude-home"));
      ClaudeCode.Result validate = claude.ok(market, "plugin", "validate", "--strict", "claude-plugin");
      assertThat(validate.output()).contains("bin: mp", "hooks: SessionStart",
          "Hosts: github.com (declared), raw.githubusercontent.com (declared), repo.maven.apache.org (declared)",
          "Validation passed");
      // The README's one-line install, with the marketplace's path for owner/repo.
      claude.ok(market, "plugin", "install", "mp", "--marketplace", market.toString());
      assertThat(claude.ok(market, "plugin", "details", "mp@mp-marketplace").output())
          .contains("Hooks (1)", "SessionStart");

      // Claude Code's own copy: cache/<marketplace>/<plugin>/<version>/, executable bits kept.
      Path installed = claude.configDir().resolve("plugins/cache/mp-marketplace/mp/" + VERSION);
      assertThat(installed.resolve("bin/mp")).isExecutable();
      assertThat(installed.resolve("mpw")).isExecutable();
      assertThat(installed.resolve(".claude-plugin/icon.png")).isRegularFile();

      // An unrelated project: the quickstart, copied, with its plugins not installed yet.
      Path project = temp.resolve("some project");
      TestFiles.copyQuickstart(REPO, project);
      Path mp = installed.resolve("bin/mp");

      Run version = run(project, env, mp.toString(), "--version");
      assertThat(version.exitCode()).as(version.output()).isZero();
      assertThat(version.stdout()).startsWith("mp " + VERSION + " (commit ");
      assertThat(maven.count(jarPath)).isEqualTo(1);
      Run list = run(project, env, mp.toString(), "registry", "list");
      assertThat(list.exitCode()).as(list.output()).isZero();
      assertThat(list.stdout()).contains("local", "team", "community");
      assertThat(maven.count(jarPath)).isEqualTo(1);

      // The hook, as Claude Code runs it: its command through bash, with the plugin root substituted.
      JsonNode hooks = JsonDocument.parseJson("hooks.json", Files.readAllBytes(installed.resolve("hooks/hooks.json")),
          ErrorCode.CONFIG_ERROR).root();
      JsonNode hook = hooks.at("/hooks/SessionStart/0/hooks/0");
      assertThat(hooks.at("/hooks/SessionStart/0/matcher").asText()).contains("startup");
      assertThat(hook.get("timeout").asInt()).isBetween(1, 60);
      String command = hook.get("command").asText().replace("${CLAUDE_PLUGIN_ROOT}", installed.toString());
      Map<String, String> hookEnv = new TreeMap<>(env);
      hookEnv.put("CLAUDE_PLUGIN_ROOT", installed.toString());

      Path empty = Files.createDirectories(temp.resolve("no lockfile"));
      hookEnv.put("CLAUDE_PROJECT_DIR", empty.toString());
      Run silent = run(empty, hookEnv, "bash", "-c", command);
      assertThat(silent.exitCode()).isZero();
      assertThat(silent.output()).isEmpty();
      assertThat(silent.millis()).as("no lockfile: no JVM is started").isLessThan(1_000);

      hookEnv.put("CLAUDE_PROJECT_DIR", project.toString());
      Run drift = run(project, hookEnv, "bash", "-c", command);
      assertThat(drift.exitCode()).isZero();
      assertThat(drift.stderr()).isEmpty();
      JsonNode message = JsonDocument.parseJson("hook output", drift.stdout().getBytes(StandardCharsets.UTF_8),
          ErrorCode.CONFIG_ERROR).root();
      assertThat(message.get("systemMessage").asText())
          .startsWith("mp: the plugins installed in this project drifted from plugin-lock.json:\n")
          .contains("`review-bot` 2.1.0 is locked but not installed", "mp lock install");
      assertThat(message.at("/hookSpecificOutput/hookEventName").asText()).isEqualTo("SessionStart");
      assertThat(message.at("/hookSpecificOutput/additionalContext").asText()).contains("review-bot");

      Run install = run(project, env, mp.toString(), "lock", "install");
      assertThat(install.exitCode()).as(install.output()).isZero();
      Run clean = run(project, hookEnv, "bash", "-c", command);
      assertThat(clean.exitCode()).isZero();
      assertThat(clean.output()).isEmpty();

      Files.writeString(project.resolve(".claude/plugins/code-style/extra.md"), "changed\n");
      Run changed = run(project, hookEnv, "bash", "-c", command);
      assertThat(changed.stdout()).contains("`code-style`: files changed inside the plugin", "added:    extra.md");
      assertThat(maven.count(jarPath)).isEqualTo(1);

      // A wrapper failure is not drift: a pin the repository's jar does not match, with an empty cache.
      Path pinFile = installed.resolve(".mp/wrapper.properties");
      Files.writeString(pinFile, Files.readString(pinFile).replaceAll("sha256=[0-9a-f]{64}", "sha256=" + "0".repeat(64)));
      hookEnv.put("MP_CACHE_DIR", temp.resolve("other-cache").toString());
      Run broken = run(project, hookEnv, "bash", "-c", command);
      assertThat(broken.exitCode()).isZero();
      String brokenMessage = JsonDocument.parseJson("hook output", broken.stdout().getBytes(StandardCharsets.UTF_8),
          ErrorCode.CONFIG_ERROR).root().get("systemMessage").asText();
      assertThat(brokenMessage).startsWith("mp: could not check the installed plugins against plugin-lock.json (exit 1):")
          .contains("error: checksum mismatch").doesNotContain("Downloading mp");
    }
  }

  private static String sha256Unchecked(byte[] bytes) {
    try {
      return sha256(bytes);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
