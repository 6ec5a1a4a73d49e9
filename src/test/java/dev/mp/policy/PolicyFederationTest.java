package dev.mp.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.Context;
import dev.mp.ErrorCode;
import dev.mp.Federation;
import dev.mp.MpException;
import dev.mp.io.Json;
import dev.mp.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy use cases of the library API: check (with and without resolution), install-time denial, audit trail. */
class PolicyFederationTest {
  @TempDir Path project;
  private final List<String> warnings = new ArrayList<>();

  @BeforeEach
  void files() {
    TestFiles.write(project.resolve(".claude/registries.json"), """
        {"registries": [
          {"name": "local", "url": "./plugins", "priority": 100, "policy": "open"},
          {"name": "public", "url": "https://x.dev/marketplace.json", "priority": 0, "policy": "allow-listed"}
        ]}
        """);
    TestFiles.write(project.resolve(".claude/policies/plugins.yaml"), """
        rules:
          - action: deny
            plugins: ["*"]
            source: public
            unless: {signed: true}
            reason: "Public plugins must be signed"
          - action: allow
            plugins: ["code-review"]
          - action: deny
            plugins: ["*"]
            source: locall
        """);
  }

  private Federation federation() {
    Context context = Context.of(project, Map.of("HOME", project.toString()))
        .withClock(Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC))
        .withReporter(warnings::add);
    return new Federation(context);
  }

  @Test
  void withASourceTheFlagsAreTheFacts() {
    PolicyCheckResult result = federation().policyCheck(new PolicyCheckRequest("code-review", "public", "1.0.0", 70, true));
    assertThat(result.resolved()).isFalse();
    assertThat(result.facts()).isEqualTo(new PluginFacts("code-review", "1.0.0", "public", 70, SignatureState.VERIFIED));
    assertThat(result.decision().rule().number()).isEqualTo(2);
    assertThat(warnings).containsExactly(
        "rule 3 (deny): `source: locall` names no configured registry, so the rule never matches; did you mean `local`?");
  }

  @Test
  void withoutASourceTheFactsComeFromResolvingAcrossTheRegistries() {
    TestFiles.write(project.resolve("plugins/code-review/.claude-plugin/plugin.json"),
        "{\"name\": \"code-review\", \"version\": \"1.3.0\"}");
    Federation federation = new Federation(federation().context().withOffline(true));
    PolicyCheckResult result = federation.policyCheck(new PolicyCheckRequest("code-review", null, null, null, false));
    assertThat(result.resolved()).isTrue();
    // A local folder is at hand: what the plugin can do is read from it (here: nothing).
    assertThat(result.facts()).isEqualTo(new PluginFacts("code-review", "1.3.0", "local", null, SignatureState.UNSIGNED)
        .withCapabilities(dev.mp.capability.Capabilities.NONE));
    assertThat(result.decision().rule().number()).isEqualTo(2);
    assertThatThrownBy(() -> federation.policyCheck(new PolicyCheckRequest("nowhere", null, null, null, false)))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND));
  }

  @Test
  void withoutASourceTheResolverGivesTheFactsAndTheFlagsOverrideThem() {
    Federation federation = federation();
    List<String> asked = new ArrayList<>();
    federation.useFactsResolver((name, version) -> {
      asked.add(name + "@" + version);
      return new PluginFacts(name, "2.0.0", "public", 40, SignatureState.CLAIMED);
    });
    PolicyCheckResult resolved = federation.policyCheck(new PolicyCheckRequest("code-review", null, null, null, false));
    assertThat(resolved.resolved()).isTrue();
    assertThat(resolved.facts()).isEqualTo(new PluginFacts("code-review", "2.0.0", "public", 40, SignatureState.CLAIMED));
    assertThat(resolved.decision().allowed()).isTrue();
    PolicyCheckResult overridden = federation.policyCheck(new PolicyCheckRequest("code-review", null, "1.0.0", 90, true));
    assertThat(overridden.facts().trustScore()).isEqualTo(90);
    assertThat(overridden.facts().signature()).isEqualTo(SignatureState.VERIFIED);
    assertThat(asked).containsExactly("code-review@null", "code-review@1.0.0");
  }

  @Test
  void anUnknownSourceIsRegistryNotFound() {
    assertThatThrownBy(() -> federation().policyCheck(new PolicyCheckRequest("x", "pubic", null, null, false)))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_NOT_FOUND);
          assertThat(e.hints()).containsExactly("did you mean `public`?");
        });
  }

  @Test
  void anInstallTimeDenialIsRecordedInTheAuditTrailAndThrown() throws Exception {
    Federation federation = federation();
    PluginFacts unsigned = new PluginFacts("widget", "1.0.0", "public", null, SignatureState.UNSIGNED);
    assertThatThrownBy(() -> federation.requirePolicyAllows(unsigned))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.POLICY_DENIED);
          assertThat(e.exitCode()).isEqualTo(1);
        });
    PluginFacts fallback = new PluginFacts("widget", "1.0.0", "public", null, SignatureState.VERIFIED);
    assertThatThrownBy(() -> federation.requirePolicyAllows(fallback)).isInstanceOf(MpException.class);
    Decision.Allowed allowed = federation.requirePolicyAllows(PluginFacts.of("mine", "1.0.0", "local"));
    assertThat(allowed.fallback().mode()).isEqualTo(dev.mp.config.PolicyMode.OPEN);

    List<String> lines = Files.readAllLines(project.resolve(".claude/federation-audit.jsonl"));
    assertThat(lines).containsExactly(
        "{\"time\":\"2026-06-01T12:00:00Z\",\"event\":\"policy-denied\",\"plugin\":\"widget\",\"version\":\"1.0.0\","
            + "\"source\":\"public\",\"rule\":1,\"mode\":null,\"reason\":\"Public plugins must be signed\"}",
        "{\"time\":\"2026-06-01T12:00:00Z\",\"event\":\"policy-denied\",\"plugin\":\"widget\",\"version\":\"1.0.0\","
            + "\"source\":\"public\",\"rule\":null,\"mode\":\"allow-listed\",\"reason\":\"no rule matched; an allow rule"
            + " must name `widget` exactly or carry `source: public`\"}");
    JsonNode parsed = Json.mapper().readTree(lines.get(0));
    assertThat(parsed.get("event").asText()).isEqualTo(PolicyDenials.EVENT);
  }

  @Test
  void listsTheRulesAndEveryRegistryMode() {
    PolicyListing listing = federation().policyList();
    assertThat(listing.policy().rules()).hasSize(3);
    assertThat(listing.registries()).extracting(r -> r.name() + ":" + r.policy().wire())
        .containsExactly("local:open", "public:allow-listed");
  }
}
