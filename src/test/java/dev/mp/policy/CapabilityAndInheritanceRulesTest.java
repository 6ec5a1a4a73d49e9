package dev.mp.policy;

import static dev.mp.policy.SignatureState.UNSIGNED;
import static dev.mp.policy.SignatureState.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.capability.Capabilities;
import dev.mp.capability.Capability;
import dev.mp.content.HiddenTextFinding;
import dev.mp.content.HiddenTextKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine with capability and content conditions, and with inherited policies. */
class CapabilityAndInheritanceRulesTest {
  private static final Capabilities HOOKS = new Capabilities.Builder().add(Capability.HOOKS, "SessionStart").build();
  private static final Capabilities COMMANDS = new Capabilities.Builder().add(Capability.COMMANDS, "x").build();

  private static PluginFacts publicPlugin(SignatureState signature, Capabilities capabilities) {
    return new PluginFacts("tool", "1.0.0", "public", 90, signature, capabilities, null);
  }

  @Test
  void hooksFromPublicAreDeniedUnlessSigned() {
    PolicyEngine engine = Policies.engine("""
        rules:
          - action: deny
            plugins: ["*"]
            source: public
            capabilities: [hooks, mcp-servers]
            unless: {signed: true}
            reason: "Public plugins that run code must be signed"
          - action: allow
            plugins: ["tool"]
        """);

    Decision unsigned = engine.evaluate(publicPlugin(UNSIGNED, HOOKS));
    assertThat(unsigned.allowed()).isFalse();
    assertThat(unsigned.reason()).isEqualTo("Public plugins that run code must be signed");
    assertThat(unsigned.trace().get(0).describe()).isEqualTo("rule 1 (deny) matched: `*` matches `tool`, which has"
        + " hooks (SessionStart); `unless` does not apply: signed: true does not hold (signature unsigned)");

    assertThat(engine.evaluate(publicPlugin(VERIFIED, HOOKS)).trace().get(0).outcome()).isEqualTo(RuleTrace.Outcome.UNLESS);
    Decision harmless = engine.evaluate(publicPlugin(UNSIGNED, COMMANDS));
    assertThat(harmless.allowed()).isTrue();
    assertThat(harmless.trace().get(0).detail()).isEqualTo("`*` matches, but the plugin has none of hooks, mcp-servers"
        + " (it has: commands (x))");
    Decision unknown = engine.evaluate(publicPlugin(UNSIGNED, null));
    assertThat(unknown.allowed()).as("unknown capabilities do not match; the fetched files are judged later").isTrue();
    assertThat(unknown.trace().get(0).outcome()).isEqualTo(RuleTrace.Outcome.CAPABILITIES);
    assertThat(unknown.trace().get(0).detail()).contains("is not known yet");
  }

  @Test
  void aContentRuleMatchesOnlyFindings() {
    PolicyEngine engine = Policies.engine("""
        rules:
          - {action: deny, plugins: ["*"], content: hidden-unicode}
          - {action: allow, plugins: ["*"]}
        """);
    HiddenTextFinding finding = new HiddenTextFinding("a.md", 1, 2, HiddenTextKind.TAG_CHARACTERS, "2 tag characters");
    PluginFacts facts = new PluginFacts("tool", "1.0.0", "local", null, UNSIGNED);

    assertThat(engine.evaluate(facts.withHiddenText(List.of(finding))).allowed()).isFalse();
    assertThat(engine.evaluate(facts.withHiddenText(List.of(finding))).reason())
        .isEqualTo("`tool` matches `*` and its files hold hidden text: a.md:1:2: Unicode tag characters: 2 tag characters");
    assertThat(engine.evaluate(facts.withHiddenText(List.of())).allowed()).isTrue();
    assertThat(engine.evaluate(facts).trace().get(0).outcome()).isEqualTo(RuleTrace.Outcome.CONTENT);
  }

  private static Policy inherited(String organisation, String project) {
    Policy org = Policies.parse(organisation);
    RuleOrigin origin = new RuleOrigin(1, "https://org.example/p.yaml", 1);
    return Policies.parse(project).withInherited(List.of(new InheritedPolicy(origin,
        org.rules().stream().map(r -> r.withOrigin(origin)).toList(), List.of(), false)));
  }

  @Test
  void inheritanceOnlyTightens() {
    Policy policy = inherited("""
        rules:
          - {action: allow, plugins: ["trusted-*"]}
          - {action: deny, plugins: ["*-tracker", "trusted-tracker"]}
        """, """
        rules:
          - {action: allow, plugins: ["ad-tracker"]}
          - {action: deny, plugins: ["trusted-but-not-here"]}
        """);
    PolicyEngine engine = new PolicyEngine(policy, Policies.REGISTRIES);

    Decision loosened = engine.evaluate(new PluginFacts("ad-tracker", "1.0.0", "local", null, UNSIGNED));
    assertThat(loosened.allowed()).as("a project allow cannot loosen an inherited deny").isFalse();
    assertThat(loosened.rule().inherited()).isTrue();
    assertThat(((Decision.Denied) loosened).overridden().number()).isEqualTo(1);
    assertThat(loosened.reason()).isEqualTo("`ad-tracker` matches `*-tracker` (the project's rule 1 (allow) also"
        + " matches `ad-tracker` but cannot loosen an inherited policy)");

    Decision tightened = engine.evaluate(new PluginFacts("trusted-but-not-here", "1.0.0", "local", null, UNSIGNED));
    assertThat(tightened.allowed()).as("an inherited allow does not loosen the project").isFalse();
    assertThat(tightened.trace().get(0).outcome()).isEqualTo(RuleTrace.Outcome.PASSED);
    assertThat(tightened.rule().inherited()).isFalse();

    Decision first = engine.evaluate(new PluginFacts("trusted-tracker", "1.0.0", "local", null, UNSIGNED));
    assertThat(first.allowed()).as("first match within the inherited policy: its allow").isTrue();
    assertThat(engine.evaluate(new PluginFacts("other", "1.0.0", "local", null, UNSIGNED)).allowed())
        .as("no inherited opinion: the project and the mode decide").isTrue();
    assertThat(policy.warnings(Policies.REGISTRIES)).containsExactly("rule 1 (allow) allows `ad-tracker`, but rule 2"
        + " (deny) of `https://org.example/p.yaml` denies it: an inherited deny cannot be loosened (inheritance only"
        + " tightens), so the allow has no effect for `ad-tracker`");
  }

  @Test
  void aRegistryIsBlockedOnlyWhenNothingBeforeItsDenyCouldLetAPluginThrough() {
    assertThat(ClaudeManagedSettings.deniesOutright(Policies.parse("""
        rules:
          - {action: deny, plugins: ["*"], source: public}
        """), "public")).isTrue();
    assertThat(ClaudeManagedSettings.deniesOutright(Policies.parse("""
        rules:
          - {action: allow, plugins: ["good"], source: public}
          - {action: deny, plugins: ["*"], source: public}
        """), "public")).isFalse();
    assertThat(ClaudeManagedSettings.deniesOutright(Policies.parse("""
        rules:
          - {action: deny, plugins: ["*"], source: public, unless: {signed: true}}
        """), "public")).isFalse();
    assertThat(ClaudeManagedSettings.sources("https://raw.githubusercontent.com/o/r/main/.claude-plugin/marketplace.json"))
        .extracting(Object::toString).containsExactly("{\"source\":\"github\",\"repo\":\"o/r\"}",
            "{\"source\":\"url\",\"url\":\"https://raw.githubusercontent.com/o/r/main/.claude-plugin/marketplace.json\"}");
  }
}
