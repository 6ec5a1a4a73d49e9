package dev.mp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.JsonDocument;
import dev.mp.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  @TempDir Path project;

  private static RegistriesConfig parse(String json) {
    return ConfigLoader.parse(
        JsonDocument.parseJson("registries.json", json.getBytes(StandardCharsets.UTF_8), ErrorCode.CONFIG_ERROR),
        new ArrayList<>());
  }

  private static MpException failure(String json) {
    try {
      parse(json);
    } catch (MpException e) {
      return e;
    }
    throw new AssertionError("expected a CONFIG_ERROR for " + json);
  }

  @Test
  void parsesTheSeedFormatWithEveryField() {
    RegistriesConfig config = parse("""
        {
          "registries": [
            {"name": "local", "url": "./plugins", "priority": 100, "policy": "open", "enabled": true},
            {"name": "team", "url": "https://plugins.team.dev/index.json", "priority": 75,
             "auth": "token:TEAM_TOKEN", "policy": "enforce", "enabled": true,
             "keys": ["ed25519:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="], "requireSignedIndex": true},
            {"name": "public", "url": "https://x.dev/marketplace.json", "priority": 0, "policy": "allow-listed",
             "enabled": true, "auth": "oidc:github-actions"}
          ],
          "defaults": {"cacheTTL": 60, "conflictResolution": "error", "installDir": "vendor/plugins"}
        }
        """);
    assertThat(config.registries()).extracting(RegistrySpec::name).containsExactly("local", "team", "public");
    RegistrySpec team = config.find("team").orElseThrow();
    assertThat(team.auth()).isEqualTo(new AuthSpec.Token("TEAM_TOKEN"));
    assertThat(team.policy()).isEqualTo(PolicyMode.ENFORCE);
    assertThat(team.keys()).hasSize(1);
    assertThat(team.requireSignedIndex()).isTrue();
    assertThat(team.isRemote()).isTrue();
    assertThat(config.find("public").orElseThrow().auth()).isEqualTo(new AuthSpec.Oidc("github-actions"));
    assertThat(config.defaults().cacheTtlSeconds()).isEqualTo(60);
    assertThat(config.defaults().conflictResolution()).isEqualTo(ConflictStrategy.ERROR);
    assertThat(config.defaults().effectiveInstallDir()).isEqualTo("vendor/plugins");
  }

  @Test
  void appliesDefaultsForOptionalFields() {
    RegistriesConfig config = parse("{\"registries\": [{\"name\": \"a\", \"url\": \"./a\"}]}");
    RegistrySpec a = config.registries().get(0);
    assertThat(a.priority()).isZero();
    assertThat(a.policy()).isEqualTo(PolicyMode.OPEN);
    assertThat(a.enabled()).isTrue();
    assertThat(a.auth()).isEqualTo(AuthSpec.NONE);
    assertThat(config.defaults()).isEqualTo(FederationDefaults.DEFAULT);
  }

  @Test
  void ordersByPriorityThenNameWhateverTheFileOrder() {
    RegistriesConfig config = parse("""
        {"registries": [
          {"name": "zeta", "url": "./z", "priority": 10},
          {"name": "alpha", "url": "./a", "priority": 10},
          {"name": "top", "url": "./t", "priority": 99},
          {"name": "off", "url": "./o", "priority": 50, "enabled": false}
        ]}
        """);
    assertThat(config.byPriority()).extracting(RegistrySpec::name).containsExactly("top", "off", "alpha", "zeta");
    assertThat(config.enabledByPriority()).extracting(RegistrySpec::name).containsExactly("top", "alpha", "zeta");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "name not a string      | {\"registries\": [{\"name\": 5, \"url\": \"./a\"}]}                          | registries.json:1:26: field `registries[0].name`: expected a string, found the number 5",
        "bad name               | {\"registries\": [{\"name\": \"A b\", \"url\": \"./a\"}]}                    | field `registries[0].name`: invalid registry name `A b`",
        "missing url            | {\"registries\": [{\"name\": \"a\"}]}                                       | field `registries[0]`: missing field `url`",
        "float priority         | {\"registries\": [{\"name\": \"a\", \"url\": \"./a\", \"priority\": 1.5}]}  | field `registries[0].priority`: expected an integer, found the number 1.5",
        "huge priority          | {\"registries\": [{\"name\": \"a\", \"url\": \"./a\", \"priority\": 99999999999}]} | field `registries[0].priority`: expected an integer",
        "enabled as string      | {\"registries\": [{\"name\": \"a\", \"url\": \"./a\", \"enabled\": \"yes\"}]} | field `registries[0].enabled`: expected true or false, found the string \"yes\"",
        "unknown strategy       | {\"registries\": [], \"defaults\": {\"conflictResolution\": \"newest\"}}      | field `defaults.conflictResolution`: unknown strategy `newest`",
        "registries not array   | {\"registries\": {}}                                                       | field `registries`: expected an array of registries",
        "missing registries     | {\"defaults\": {}}                                                         | missing field `registries`",
        "bad auth               | {\"registries\": [{\"name\": \"a\", \"url\": \"./a\", \"auth\": \"basic:x\"}]} | field `registries[0].auth`: invalid auth `basic:x`",
        "bad key                | {\"registries\": [{\"name\": \"a\", \"url\": \"./a\", \"keys\": [\"rsa:x\"]}]} | field `registries[0].keys[0]`: expected an Ed25519 public key",
        "credentials in url     | {\"registries\": [{\"name\": \"a\", \"url\": \"https://u:p@x.dev/i.json\"}]} | the registry URL embeds credentials (`https://***@x.dev/i.json`)",
        "duplicate key          | {\"registries\": [], \"registries\": []}                                    | duplicate key `registries`",
        "trailing garbage       | {\"registries\": []} x                                                     | malformed JSON",
        "audience not a string  | {\"registries\": [{\"name\": \"a\", \"url\": \"https://a.dev/i.json\", \"auth\": \"oidc:github-actions\", \"oidcAudience\": 42}]} | field `registries[0].oidcAudience`: expected a non-empty string",
        "audience empty         | {\"registries\": [{\"name\": \"a\", \"url\": \"https://a.dev/i.json\", \"auth\": \"oidc:github-actions\", \"oidcAudience\": \" \"}]} | field `registries[0].oidcAudience`: expected a non-empty string",
        "plain http issuer      | {\"registries\": [{\"name\": \"a\", \"url\": \"./a\", \"auth\": \"oidc:http://issuer.dev\"}]} | invalid auth `oidc:http://issuer.dev`",
        "path with NUL          | {\"registries\": [{\"name\": \"a\", \"url\": \"./a\\u0000b\"}]}           | is not a valid path on this system",
        "marketplace name space | {\"registries\": [], \"defaults\": {\"marketplaceName\": \"my shop\"}}   | registries.json:1:52: field `defaults.marketplaceName`: invalid marketplace name `my shop`: Claude Code cannot install plugins from a marketplace so named",
        "reserved marketplace   | {\"registries\": [], \"defaults\": {\"marketplaceName\": \"agent-skills\"}} | field `defaults.marketplaceName`: invalid marketplace name `agent-skills`: Claude Code reserves it",
        "official look-alike    | {\"registries\": [], \"defaults\": {\"marketplaceName\": \"claude-official\"}} | a look-alike of an official Anthropic marketplace",
        "marketplace not text   | {\"registries\": [], \"defaults\": {\"marketplaceName\": 7}}           | field `defaults.marketplaceName`: expected a string, found the number 7",
        "claudeSettings string  | {\"registries\": [], \"defaults\": {\"claudeSettings\": \"no\"}}       | field `defaults.claudeSettings`: expected true or false, found the string \"no\"",
      })
  void rejectsInvalidContentNamingTheField(String title, String json, String expected) {
    MpException e = failure(json);
    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR);
    assertThat(e.exitCode()).isEqualTo(2);
    assertThat(e.getMessage()).contains(expected);
    assertThat(e.getMessage()).doesNotContain("u:p@");
  }

  @Test
  void oidcAudienceIsKeptForTheTokenSourcesAndLoopbackIssuersAreAccepted() {
    List<String> warnings = new ArrayList<>();
    RegistriesConfig config = ConfigLoader.parse(
        JsonDocument.parseJson("r.json", """
            {"registries": [
              {"name": "a", "url": "https://a.dev/i.json", "auth": "oidc:http://127.0.0.1:9000", "oidcAudience": "mp"},
              {"name": "b", "url": "https://b.dev/i.json", "auth": "oidc:http://[::1]:9000/realm"},
              {"name": "c", "url": "https://c.dev/i.json", "auth": "oidc:http://localhost"},
              {"name": "d", "url": "https://d.dev/i.json", "oidcAudience": "mp"}]}
            """.getBytes(StandardCharsets.UTF_8), ErrorCode.CONFIG_ERROR),
        warnings);
    assertThat(config.registries().get(0).extra().get("oidcAudience").textValue()).isEqualTo("mp");
    assertThat(config.registries().get(1).auth().wire()).isEqualTo("oidc:http://[::1]:9000/realm");
    assertThat(warnings).singleElement().asString().contains("`oidcAudience` is used only with `auth: oidc:...`");
  }

  @Test
  void theClaudeCodeDefaultsAreReadAndWrittenBackOnlyWhenSet() {
    RegistriesConfig config = parse(
        "{\"registries\": [], \"defaults\": {\"marketplaceName\": \"team-tools\", \"claudeSettings\": false}}");
    assertThat(config.defaults().effectiveMarketplaceName(java.nio.file.Path.of("/work/shop"))).isEqualTo("team-tools");
    assertThat(config.defaults().writesClaudeSettings()).isFalse();
    assertThat(new String(ConfigLoader.serialize(config), StandardCharsets.UTF_8))
        .contains("\"marketplaceName\": \"team-tools\"", "\"claudeSettings\": false");
    RegistriesConfig plain = parse("{\"registries\": []}");
    assertThat(plain.defaults().effectiveMarketplaceName(java.nio.file.Path.of("/work/shop"))).isEqualTo("mp-shop");
    assertThat(plain.defaults().writesClaudeSettings()).isTrue();
    assertThat(new String(ConfigLoader.serialize(plain), StandardCharsets.UTF_8))
        .doesNotContain("marketplaceName", "claudeSettings");
  }

  @Test
  void errorsNameTheLineOfTheField() {
    MpException e = failure("{\n  \"registries\": [\n    {\"name\": \"a\",\n     \"url\": 42}\n  ]\n}\n");
    assertThat(e.getMessage()).startsWith("registries.json:4:13: field `registries[0].url`: expected a string");
  }

  @Test
  void keepsUnknownFieldsAndWarnsAboutLikelyTypos() {
    List<String> warnings = new ArrayList<>();
    RegistriesConfig config = ConfigLoader.parse(
        JsonDocument.parseJson("r.json", """
            {"registries": [{"name": "a", "url": "./a", "priorty": 3, "mirror": {"eu": "x"}}],
             "defaults": {"cacheTTL": 5, "extra": true}, "owner": "team"}
            """.getBytes(StandardCharsets.UTF_8), ErrorCode.CONFIG_ERROR),
        warnings);
    assertThat(config.registries().get(0).extra()).containsOnlyKeys("priorty", "mirror");
    assertThat(config.defaults().extra()).containsOnlyKeys("extra");
    assertThat(config.extra()).containsOnlyKeys("owner");
    assertThat(warnings).singleElement().asString().contains("did you mean `priority`?");
    String saved = new String(ConfigLoader.serialize(config), StandardCharsets.UTF_8);
    assertThat(saved).contains("\"mirror\": {", "\"priorty\": 3", "\"owner\": \"team\"", "\"extra\": true");
  }

  @Test
  void usesTheBuiltInDefaultsOnlyWhenTheProjectHasNoFile() {
    LoadedConfig loaded = ConfigLoader.load(project);
    assertThat(loaded.isBuiltInDefault()).isTrue();
    assertThat(loaded.config().byPriority()).extracting(RegistrySpec::name).containsExactly("local", "public");
    assertThat(loaded.config().find("public").orElseThrow().policy()).isEqualTo(PolicyMode.ALLOW_LISTED);

    TestFiles.write(project.resolve(".claude/registries.json"), "{\"registries\": [}");
    assertThatThrownBy(() -> ConfigLoader.load(project))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR))
        .hasMessageContaining(".claude/registries.json:1:");
  }

  @Test
  void theShippedDefaultsFileMatchesTheOneInsideTheJar() throws Exception {
    byte[] repository = java.nio.file.Files.readAllBytes(Path.of("config/registries.default.json"));
    assertThat(ConfigLoader.builtInRegistries()).isEqualTo(repository);
    byte[] policy = java.nio.file.Files.readAllBytes(Path.of("config/policies.default.yaml"));
    assertThat(ConfigLoader.builtInPolicy()).isEqualTo(policy);
  }

  @Test
  void saveIsAtomicAndLeavesNoTempFiles() throws Exception {
    RegistriesConfig config = parse("{\"registries\": [{\"name\": \"a\", \"url\": \"./a\"}]}");
    ConfigLoader.save(project, config);
    ConfigLoader.save(project, config.withRegistry(RegistrySpec.of("b", "./b", 5)));
    try (var files = java.nio.file.Files.list(project.resolve(".claude"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("registries.json");
    }
    assertThat(ConfigLoader.load(project).config().registries()).extracting(RegistrySpec::name).containsExactly("a", "b");
  }
}
