package dev.mp.trust;

import static dev.mp.trust.HostileInputProperties.assertCoded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.install.Packages;
import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Oversized and deeply nested documents, and a registry that lies about integrity: coded errors, nothing
 * installed, the previous state intact.
 */
class HostileDocumentsTest {
  @TempDir Path temp;

  private static final String DEEP = "[".repeat(100_000) + "]".repeat(100_000);
  private static final String HUGE_STRING = "{\"registries\": [{\"name\": \"" + "x".repeat(17 << 20) + "\"}]}";

  private Cli cli() {
    return new Cli(temp.resolve("project"), temp.resolve("cache"));
  }

  private void write(String path, String text) {
    TestFiles.write(temp.resolve("project").resolve(path), text);
  }

  @Test
  void aDeeplyNestedConfigIsAConfigError() {
    write(".claude/registries.json", "{\"registries\": " + DEEP + "}");
    Cli.Result result = cli().run("registry", "list");
    assertCoded(result, Set.of(2));
    assertThat(result.stderr()).contains("registries.json");
  }

  @Test
  void anOversizedStringInTheConfigIsAConfigError() {
    write(".claude/registries.json", HUGE_STRING);
    assertCoded(cli().run("registry", "list"), Set.of(2));
  }

  @Test
  void aDeeplyNestedPolicyIsAPolicyError() {
    write(".claude/policies/plugins.yaml", "rules: " + DEEP);
    assertCoded(cli().run("policy", "list"), Set.of(2));
  }

  @Test
  void aYamlAliasBombIsRefused() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 30; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    write(".claude/policies/plugins.yaml", yaml + "rules: *a29\n");
    assertCoded(cli().run("policy", "list"), Set.of(2));
  }

  @Test
  void aDeeplyNestedLockfileIsALockfileError() {
    write("plugin-lock.json", "{\"lockVersion\": 2, \"plugins\": " + DEEP + "}");
    assertCoded(cli().run("lock", "check"), Set.of(2));
  }

  @Test
  void aDeeplyNestedOrOversizedIndexLeavesTheRegistryUnavailableWithACode() {
    write(".claude/registries.json",
        "{\"registries\": [{\"name\": \"team\", \"url\": \"./registry/index.json\", \"priority\": 1}]}");
    write("registry/index.json", "{\"plugins\": {\"a\": " + DEEP + "}}");
    assertCoded(cli().run("registry", "sync"), Set.of(2, 3));
    Cli.Result json = cli().run("registry", "sync", "--json");
    assertThat(json.json().get("error").get("code").asText()).isIn("REGISTRY_UNAVAILABLE", "INDEX_INVALID");

    write("registry/index.json", "{\"plugins\": {\"a\": {\"description\": \"" + "x".repeat(17 << 20) + "\"}}}");
    assertCoded(cli().run("registry", "sync"), Set.of(0, 2, 3));
  }

  @Test
  void aRegistryThatLiesAboutIntegrityInstallsNothingAndKeepsThePreviousState() throws Exception {
    TrustProject project = new TrustProject(temp).plugin("alpha", "1.0.0").plugin("gamma", "1.2.0");
    project.writeIndex(project.unsignedIndex(), null).registry("");
    assertThat(project.cli().run("install", "alpha").exitCode()).isZero();
    String lockBefore = TestFiles.read(project.root.resolve("plugin-lock.json"));
    // The package served for gamma is not what the index's integrity describes.
    Packages.write(project.root.resolve("plugins/gamma/skills/extra.md"), "injected\n".getBytes());

    Cli.Result result = project.cli().run("install", "gamma");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stderr()).contains("error:").doesNotContain("Exception");
    assertThat(project.cli().run("install", "gamma", "--json").json().get("error").get("code").asText())
        .isEqualTo("INTEGRITY_MISMATCH");
    assertThat(project.root.resolve(".claude/plugins/gamma")).doesNotExist();
    assertThat(project.root.resolve(".claude/plugins/alpha/.claude-plugin/plugin.json")).exists();
    assertThat(TestFiles.read(project.root.resolve("plugin-lock.json"))).isEqualTo(lockBefore);
    assertThat(project.cli().run("lock", "check").exitCode()).isZero();
    try (var files = Files.list(project.root.resolve(".claude/plugins"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted()).doesNotContain("gamma")
          .noneMatch(name -> name.contains("mp-commit") || name.contains("staging"));
    }
  }
}
