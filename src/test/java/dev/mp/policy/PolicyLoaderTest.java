package dev.mp.policy;

import dev.mp.io.Glob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.testing.TestFiles;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyLoaderTest {
  @TempDir Path project;

  @Test
  void readsEveryFieldOfARule() {
    Policy policy = Policies.parse("""
        rules:
          - action: deny
            plugins: ["*-backdoor", "gamma"]
            source: public
            versions: "<1.4.2"
            unless:
              trust_score: ">= 80"
              signed: true
            reason: "why"
          - {action: require, plugins: [audit-log]}
        """);
    Rule rule = policy.rules().get(0);
    assertThat(rule.number()).isEqualTo(1);
    assertThat(rule.line()).isEqualTo(2);
    assertThat(rule.action()).isEqualTo(Action.DENY);
    assertThat(rule.plugins()).extracting(Glob::pattern).containsExactly("*-backdoor", "gamma");
    assertThat(rule.source()).isEqualTo("public");
    assertThat(rule.versions().text()).isEqualTo("<1.4.2");
    assertThat(rule.unless().trustScore().text()).isEqualTo(">= 80");
    assertThat(rule.unless().signed()).isTrue();
    assertThat(rule.reason()).isEqualTo("why");
    Rule second = policy.rules().get(1);
    assertThat(second.number()).isEqualTo(2);
    assertThat(second.line()).isEqualTo(10);
    assertThat(second.source()).isNull();
    assertThat(second.versions()).isNull();
    assertThat(second.unless()).isNull();
    assertThat(second.reason()).isNull();
  }

  @Test
  void anEmptyRuleListIsAValidPolicy() {
    assertThat(Policies.parse("rules: []\n").rules()).isEmpty();
  }

  @Test
  void usesTheProjectFileElseTheBuiltInDefault() {
    Policy fallback = PolicyLoader.load(project);
    assertThat(fallback.isBuiltInDefault()).isTrue();
    assertThat(fallback.rules()).isNotEmpty();
    TestFiles.write(project.resolve(".claude/policies/plugins.yaml"), "rules:\n  - action: deny\n    plugins: [x]\n");
    Policy own = PolicyLoader.load(project);
    assertThat(own.isBuiltInDefault()).isFalse();
    assertThat(own.file()).isEqualTo(project.resolve(".claude/policies/plugins.yaml"));
    assertThat(own.rules()).hasSize(1);
  }

  @Test
  void aBrokenProjectFileIsAnErrorNotTheDefault() {
    TestFiles.write(project.resolve(".claude/policies/plugins.yaml"), "rules:\n  - action: nope\n    plugins: [x]\n");
    assertThatThrownBy(() -> PolicyLoader.load(project))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.POLICY_CONFIG_ERROR);
          assertThat(e.exitCode()).isEqualTo(2);
          assertThat(e.getMessage()).startsWith(".claude/policies/plugins.yaml:2:13: field `rules[0].action`");
        });
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("a list at the top", "- action: deny\n", "plugins.yaml:1:1: expected a mapping"),
        Arguments.of("no rules", "other: 1\n", "plugins.yaml:1:8: field `other`: unknown field `other`"),
        Arguments.of("rules missing", "{}\n", "plugins.yaml:1:1: missing field `rules`"),
        Arguments.of("rules empty", "rules:\n", "field `rules`: expected a list of rules, found nothing"),
        Arguments.of("rules not a list", "rules: {action: deny}\n", "plugins.yaml:1:8: field `rules`: expected a list"),
        Arguments.of("a rule not a mapping", "rules:\n  - deny\n", "plugins.yaml:2:5: field `rules[0]`: expected a rule"),
        Arguments.of("action missing", "rules:\n  - plugins: [x]\n", "plugins.yaml:2:5: field `rules[0]`: missing field `action`"),
        Arguments.of("action unknown", "rules:\n  - action: block\n    plugins: [x]\n",
            "plugins.yaml:2:13: field `rules[0].action`: unknown action `block`"),
        Arguments.of("action not a string", "rules:\n  - action: [deny]\n    plugins: [x]\n",
            "plugins.yaml:2:13: field `rules[0].action`: expected a string, found a list"),
        Arguments.of("plugins missing", "rules:\n  - action: deny\n", "plugins.yaml:2:5: field `rules[0]`: missing field `plugins`"),
        Arguments.of("plugins empty", "rules:\n  - action: deny\n    plugins: []\n",
            "plugins.yaml:3:14: field `rules[0].plugins`: expected a non-empty list"),
        Arguments.of("plugins a string", "rules:\n  - action: deny\n    plugins: gamma\n",
            "plugins.yaml:3:14: field `rules[0].plugins`: expected a non-empty list of plugin names or globs, found the string"),
        Arguments.of("a pattern not a string", "rules:\n  - action: deny\n    plugins: [x, 3]\n",
            "plugins.yaml:3:18: field `rules[0].plugins[1]`: expected a plugin name or glob, found the number 3"),
        Arguments.of("an empty pattern", "rules:\n  - action: deny\n    plugins: [\"\"]\n",
            "plugins.yaml:3:15: field `rules[0].plugins[0]`: expected a plugin name or glob, found nothing"),
        Arguments.of("source not a string", "rules:\n  - action: deny\n    plugins: [x]\n    source: [a, b]\n",
            "plugins.yaml:4:13: field `rules[0].source`: expected a string, found a list"),
        Arguments.of("source empty", "rules:\n  - action: deny\n    plugins: [x]\n    source: \"\"\n",
            "plugins.yaml:4:13: field `rules[0].source`: expected a registry name, found nothing"),
        Arguments.of("versions a number", "rules:\n  - action: deny\n    plugins: [x]\n    versions: 1.10\n",
            "plugins.yaml:4:15: field `rules[0].versions`: expected a string, found the number 1.10"),
        Arguments.of("versions not a range", "rules:\n  - action: deny\n    plugins: [x]\n    versions: \"soon\"\n",
            "plugins.yaml:4:15: field `rules[0].versions`: invalid version range `soon`"),
        Arguments.of("unless not a mapping", "rules:\n  - action: deny\n    plugins: [x]\n    unless: signed\n",
            "plugins.yaml:4:13: field `rules[0].unless`: expected a mapping of conditions"),
        Arguments.of("unless empty", "rules:\n  - action: deny\n    plugins: [x]\n    unless: {}\n",
            "plugins.yaml:4:13: field `rules[0].unless`: `unless` needs at least one condition"),
        Arguments.of("unless unknown condition", "rules:\n  - action: deny\n    plugins: [x]\n    unless:\n      trustScore: \">= 1\"\n",
            "plugins.yaml:5:19: field `rules[0].unless.trustScore`: unknown field `trustScore`"),
        Arguments.of("trust_score a number", "rules:\n  - action: deny\n    plugins: [x]\n    unless:\n      trust_score: 80\n",
            "plugins.yaml:5:20: field `rules[0].unless.trust_score`: expected a comparison such as \">= 80\", found the number 80"),
        Arguments.of("trust_score not a comparison", "rules:\n  - action: deny\n    plugins: [x]\n    unless:\n      trust_score: \"=> 80\"\n",
            "plugins.yaml:5:20: field `rules[0].unless.trust_score`: invalid comparison `=> 80`"),
        Arguments.of("signed not a boolean", "rules:\n  - action: deny\n    plugins: [x]\n    unless:\n      signed: \"true\"\n",
            "plugins.yaml:5:15: field `rules[0].unless.signed`: expected true or false, found the string \"true\""),
        Arguments.of("reason not a string", "rules:\n  - action: deny\n    plugins: [x]\n    reason: [a]\n",
            "plugins.yaml:4:13: field `rules[0].reason`: expected a string, found a list"),
        Arguments.of("a misspelt field", "rules:\n  - action: deny\n    plugins: [x]\n    unles:\n      signed: true\n",
            "plugins.yaml:5:7: field `rules[0].unles`: unknown field `unles`"),
        Arguments.of("the second rule", "rules:\n  - action: deny\n    plugins: [x]\n  - action: allow\n    plugins: [y]\n    sorce: team\n",
            "plugins.yaml:6:12: field `rules[1].sorce`: unknown field `sorce`"),
        Arguments.of("malformed YAML", "rules:\n  - action: deny\n    plugins: [\"x\"\n", "plugins.yaml:3:18: malformed YAML: while parsing a flow sequence"),
        Arguments.of("duplicate keys", "rules:\n  - action: deny\n    action: allow\n    plugins: [x]\n",
            "plugins.yaml:3:11: malformed YAML: Duplicate field 'action'"),
        Arguments.of("aliases", "rules:\n  - action: deny\n    plugins: &p [x]\n  - action: allow\n    plugins: *p\n",
            "plugins.yaml:5:14: YAML aliases (`*p`) are not supported"),
        Arguments.of("an unknown capability", "rules:\n  - action: deny\n    plugins: [x]\n    capabilities: [hooks, mcp]\n",
            "plugins.yaml:4:27: field `rules[0].capabilities[1]`: unknown capability `mcp`"),
        Arguments.of("no capability", "rules:\n  - action: deny\n    plugins: [x]\n    capabilities: []\n",
            "plugins.yaml:4:19: field `rules[0].capabilities`: expected at least one capability, found an empty list"),
        Arguments.of("a capability not a name", "rules:\n  - action: deny\n    plugins: [x]\n    capabilities: [3]\n",
            "field `rules[0].capabilities[0]`: expected a capability name, found the number 3"),
        Arguments.of("content on an allow rule", "rules:\n  - action: allow\n    plugins: [x]\n    content: hidden-unicode\n",
            "plugins.yaml:4:14: field `rules[0].content`: `content` applies to `deny` rules only, not to `allow`"),
        Arguments.of("an unknown content condition", "rules:\n  - action: deny\n    plugins: [x]\n    content: secrets\n",
            "plugins.yaml:4:14: field `rules[0].content`: unknown content condition `secrets`"),
        Arguments.of("extends not a location", "extends: [3]\nrules: []\n",
            "plugins.yaml:1:11: field `extends[0]`: expected a policy URL or `registry:NAME/path`, found the number 3"),
        Arguments.of("extends twice the same", "extends: [\"https://a.example/p.yaml\", \"https://a.example/p.yaml\"]\nrules: []\n",
            "field `extends[1]`: `https://a.example/p.yaml` is extended twice"),
        Arguments.of("extends leaving the registry", "extends: [\"registry:team/../p.yaml\"]\nrules: []\n",
            "is neither an http(s) URL nor `registry:NAME/path`"));
  }

  @Test
  void readsCapabilityAndContentConditionsAndExtends() {
    Policy policy = Policies.parse("""
        extends: "registry:team/org/policy.yaml"
        rules:
          - action: deny
            plugins: ["*"]
            source: public
            capabilities: [hooks, mcp-servers, hooks]
            unless: {signed: true}
          - action: deny
            plugins: ["*"]
            capabilities: binaries
            content: hidden-unicode
        """);
    assertThat(policy.references()).extracting(PolicyReference::location).containsExactly("registry:team/org/policy.yaml");
    assertThat(policy.references().get(0).registry()).isEqualTo("team");
    assertThat(policy.references().get(0).path()).isEqualTo("org/policy.yaml");
    assertThat(policy.rules().get(0).capabilities()).containsExactly(dev.mp.capability.Capability.HOOKS,
        dev.mp.capability.Capability.MCP_SERVERS);
    assertThat(policy.rules().get(0).describe()).isEqualTo("deny * from `public` with hooks or mcp-servers unless signed: true");
    assertThat(policy.rules().get(1).content()).isEqualTo(ContentCondition.HIDDEN_UNICODE);
    assertThat(policy.rules().get(1).describe()).isEqualTo("deny * with binaries with hidden-unicode content");
    assertThat(policy.usesCapabilities()).isTrue();
    assertThat(policy.usesContent()).isTrue();
    assertThatThrownBy(() -> Policies.parse("rules:\n  - action: deny\n    plugins: [x]\n    capabilities: [hook]\n"))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.hints()).containsExactly("did you mean `hooks`?"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void refusesMalformedPoliciesNamingLineAndField(String description, String yaml, String message) {
    assertThatThrownBy(() -> Policies.parse(yaml))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.POLICY_CONFIG_ERROR);
          assertThat(e.getMessage()).contains(message);
        });
  }

  @Test
  void suggestsTheFieldAMisspellingMeant() {
    assertThatThrownBy(() -> Policies.parse("rules:\n  - action: deny\n    plugin: [x]\n"))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.hints()).containsExactly("did you mean `plugins`?"));
    assertThatThrownBy(() -> Policies.parse("rules:\n  - action: deny\n    plugins: [x]\n    unless: {trustScore: \">= 1\"}\n"))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.hints()).containsExactly("did you mean `trust_score`?"));
  }

  @Test
  void warnsAboutASourceThatNamesNoRegistry() {
    Policy policy = Policies.parse("rules:\n  - action: deny\n    plugins: [x]\n    source: pubic\n"
        + "  - action: deny\n    plugins: [y]\n    source: team\n");
    assertThat(policy.warnings(Policies.REGISTRIES)).containsExactly(
        "rule 1 (deny): `source: pubic` names no configured registry, so the rule never matches; did you mean `public`?");
  }

  @Test
  void theBuiltInDefaultIsValidAndNamesOnlyDefaultRegistries() {
    Policy policy = PolicyLoader.builtInDefault();
    assertThat(policy.isBuiltInDefault()).isTrue();
    assertThat(policy.warnings(dev.mp.config.ConfigLoader.builtInDefaults())).isEmpty();
  }
}
