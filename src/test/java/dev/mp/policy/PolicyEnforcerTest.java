package dev.mp.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.Context;
import dev.mp.ErrorCode;
import dev.mp.Federation;
import dev.mp.MpException;
import dev.mp.integrity.Integrity;
import dev.mp.lock.LockedPlugin;
import dev.mp.lock.Lockfile;
import dev.mp.lock.LockfileCodec;
import dev.mp.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mp policy enforce` over a real project folder: lockfile, install folder, policy, registries. */
class PolicyEnforcerTest {
  @TempDir Path project;

  @BeforeEach
  void registries() {
    TestFiles.write(project.resolve(".claude/registries.json"), """
        {"registries": [
          {"name": "local", "url": "./plugins", "priority": 100, "policy": "open"},
          {"name": "team", "url": "https://plugins.team.dev/index.json", "priority": 75, "policy": "enforce"},
          {"name": "public", "url": "https://x.dev/marketplace.json", "priority": 0, "policy": "allow-listed"}
        ]}
        """);
    TestFiles.write(project.resolve(".claude/policies/plugins.yaml"), PolicyEngineTest.SEED_STYLE);
  }

  static String integrity(String name) throws Exception {
    return Integrity.sha512(MessageDigest.getInstance("SHA-512").digest(name.getBytes(StandardCharsets.UTF_8)));
  }

  void lock(Map<String, LockedPlugin> plugins) {
    Map<String, String> registries = new TreeMap<>(Map.of("local", "./plugins", "team", "https://plugins.team.dev/index.json",
        "public", "https://x.dev/marketplace.json"));
    LockfileCodec.save(project.resolve("plugin-lock.json"),
        Lockfile.empty().withRegistries(registries).withPlugins(plugins));
  }

  LockedPlugin locked(String name, String version, String source, Integer trust, boolean signed) throws Exception {
    return new LockedPlugin(version, integrity(name), source, "./plugins/" + name, List.of(), null, signed, trust, Map.of());
  }

  void install(String... names) {
    for (String name : names) {
      TestFiles.write(project.resolve(".claude/plugins/" + name + "/.claude-plugin/plugin.json"), "{\"name\": \"" + name + "\"}");
    }
  }

  EnforceReport enforce() {
    return new Federation(Context.of(project, Map.of("HOME", project.toString()))).policyEnforce();
  }

  @Test
  void reportsViolationsUnlockedPluginsAndCompliantOnes() throws Exception {
    lock(Map.of(
        "alpha", locked("alpha", "1.0.0", "local", null, false),
        "audit-log", locked("audit-log", "2.0.0", "team", null, false),
        "gamma", locked("gamma", "1.3.0", "public", 90, true),
        "code-review", locked("code-review", "1.0.0", "public", 95, true),
        "widget", locked("widget", "1.0.0", "public", 99, false)));
    install("alpha", "audit-log", "gamma", "widget", "stray");
    TestFiles.write(project.resolve(".claude/plugins/.claude-plugin/marketplace.json"), "{}");

    EnforceReport report = enforce();

    assertThat(report.ok()).isFalse();
    assertThat(report.lockfile()).isEqualTo("plugin-lock.json");
    assertThat(report.installDir()).isEqualTo(".claude/plugins");
    assertThat(report.violations()).extracting(AuditedPlugin::name).containsExactly("gamma", "stray", "widget");
    assertThat(report.compliant()).extracting(AuditedPlugin::name).containsExactly("alpha", "audit-log", "code-review");
    assertThat(report.notInstalled()).extracting(AuditedPlugin::name).containsExactly("code-review");
    AuditedPlugin gamma = report.violations().get(0);
    assertThat(gamma.decision().rule().number()).isEqualTo(2);
    assertThat(gamma.decision().facts().signature()).isEqualTo(SignatureState.VERIFIED);
    assertThat(gamma.decision().facts().trustScore()).isEqualTo(90);
    AuditedPlugin stray = report.violations().get(1);
    assertThat(stray.presence()).isEqualTo(AuditedPlugin.Presence.UNLOCKED);
    assertThat(stray.decision().facts().source()).isNull();
    assertThat(stray.lockfileLine()).isZero();
    assertThat(report.unmet()).extracting(u -> u.pattern().pattern()).containsExactly("sec-*");
  }

  @Test
  void pointsEachLockedPluginAtTheLineOfItsKey() throws Exception {
    lock(Map.of("alpha", locked("alpha", "1.0.0", "local", null, false),
        "widget", locked("widget", "1.0.0", "public", 10, false)));
    List<String> lines = Files.readAllLines(project.resolve("plugin-lock.json"));
    EnforceReport report = enforce();
    for (AuditedPlugin plugin : report.plugins()) {
      assertThat(lines.get(plugin.lockfileLine() - 1)).startsWith("    \"" + plugin.name() + "\": {");
    }
    assertThat(lines.get(report.pluginsLine() - 1)).isEqualTo("  \"plugins\": {");
  }

  @Test
  void anUnlockedPluginIsAViolationEvenWhenARuleWouldAllowIt() {
    TestFiles.write(project.resolve(".claude/policies/plugins.yaml"), "rules:\n  - action: allow\n    plugins: [\"*\"]\n");
    install("stray");
    EnforceReport report = enforce();
    assertThat(report.violations()).singleElement().satisfies(p -> {
      assertThat(p.decision().allowed()).isTrue();
      assertThat(p.isViolation()).isTrue();
    });
  }

  @Test
  void aRequirementIsMetOnlyByALockedPluginThePolicyAllows() throws Exception {
    TestFiles.write(project.resolve(".claude/policies/plugins.yaml"), """
        rules:
          - action: deny
            plugins: ["sec-old"]
          - action: require
            plugins: ["sec-*"]
            source: local
        """);
    lock(Map.of("sec-old", locked("sec-old", "1.0.0", "local", null, false),
        "sec-team", locked("sec-team", "1.0.0", "team", null, false)));
    install("sec-old", "sec-team", "sec-stray");
    EnforceReport report = enforce();
    assertThat(report.unmet()).singleElement().satisfies(u -> {
      assertThat(u.pattern().pattern()).isEqualTo("sec-*");
      assertThat(u.notCompliant()).containsExactly("sec-old");
      assertThat(u.describe()).isEqualTo(
          "rule 2 (require) `sec-*`: no installed plugin satisfies it (`sec-old` matched but is not compliant)");
    });
    lock(Map.of("sec-old", locked("sec-old", "1.0.0", "local", null, false),
        "sec-new", locked("sec-new", "2.0.0", "local", null, false)));
    assertThat(enforce().unmet()).isEmpty();
  }

  @Test
  void aLockedPluginMissingOnDiskIsAuditedAndCountsForRequirements() throws Exception {
    lock(Map.of("audit-log", locked("audit-log", "2.0.0", "team", null, false),
        "sec-scan", locked("sec-scan", "1.0.0", "local", null, false)));
    EnforceReport report = enforce();
    assertThat(report.notInstalled()).extracting(AuditedPlugin::name).containsExactly("audit-log", "sec-scan");
    assertThat(report.unmet()).isEmpty();
    assertThat(report.ok()).isTrue();
  }

  @Test
  void withNothingInstalledOnlyUnmetRequirementsFail() {
    EnforceReport report = enforce();
    assertThat(report.nothingToAudit()).isTrue();
    assertThat(report.lockfile()).isNull();
    assertThat(report.unmet()).extracting(u -> u.pattern().pattern()).containsExactly("audit-log", "sec-*");
    TestFiles.write(project.resolve(".claude/policies/plugins.yaml"), "rules: []\n");
    assertThat(enforce().ok()).isTrue();
  }

  @Test
  void aBrokenLockfileIsALockfileError() {
    TestFiles.write(project.resolve("plugin-lock.json"), "{\"lockVersion\": 2, \"plugins\": []}\n");
    assertThatThrownBy(this::enforce).isInstanceOfSatisfying(MpException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCKFILE_ERROR));
  }

  @Test
  void anInstallFolderThatIsAFileIsAnIoError() {
    TestFiles.write(project.resolve(".claude/plugins"), "not a folder");
    assertThatThrownBy(this::enforce).isInstanceOfSatisfying(MpException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR));
  }
}
