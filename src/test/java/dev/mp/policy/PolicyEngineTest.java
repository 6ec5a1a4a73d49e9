package dev.mp.policy;

import static dev.mp.policy.Policies.facts;
import static dev.mp.policy.SignatureState.CLAIMED;
import static dev.mp.policy.SignatureState.UNSIGNED;
import static dev.mp.policy.SignatureState.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.config.ConfigLoader;
import dev.mp.config.PolicyMode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule feature and every mode, as a table: policy, plugin facts, expected decision. */
class PolicyEngineTest {
  /** In the style of the seed: block bad names, pin a vulnerable range, demand signatures from public. */
  static final String SEED_STYLE = """
      rules:
        - action: deny
          plugins: ["*-backdoor", "*-malware"]
          reason: "Known-malicious name pattern"
        - action: deny
          plugins: ["gamma"]
          source: public
          versions: "<1.4.2"
          reason: "gamma before 1.4.2 leaks tokens"
        - action: require
          plugins: ["audit-log"]
        - action: deny
          plugins: ["*"]
          source: public
          unless:
            trust_score: ">= 80"
            signed: true
          reason: "Public plugins must be signed and trusted"
        - action: allow
          plugins: ["gamma", "code-review", "tool-?"]
        - action: allow
          plugins: ["*"]
          source: team
        - action: require
          plugins: ["sec-*"]
      """;

  /**
   * The expected outcome: {@code verdict} (allowed/denied/required), and either the deciding rule
   * number or, for 0, the registry mode (null: no mode, unknown or unconfigured registry).
   */
  record Expect(String verdict, int rule, PolicyMode mode) {}

  static Expect rule(String verdict, int rule) {
    return new Expect(verdict, rule, null);
  }

  static Expect mode(String verdict, PolicyMode mode) {
    return new Expect(verdict, 0, mode);
  }

  static Stream<Arguments> seedStyle() {
    return Stream.of(
        Arguments.of("glob * at the start", facts("evil-backdoor", "1.0.0", "local", null, UNSIGNED), rule("denied", 1)),
        Arguments.of("second pattern of a rule", facts("x-malware", null, "public", 99, VERIFIED), rule("denied", 1)),
        Arguments.of("glob must match the whole name", facts("backdoor", "1.0.0", "local", null, UNSIGNED),
            mode("allowed", PolicyMode.OPEN)),
        Arguments.of("versions filter inside the range", facts("gamma", "1.4.1", "public", 90, VERIFIED), rule("denied", 2)),
        Arguments.of("versions filter covers pre-releases", facts("gamma", "1.4.1-rc.1", "public", 90, VERIFIED),
            rule("denied", 2)),
        Arguments.of("versions filter outside the range", facts("gamma", "1.4.2", "public", 90, VERIFIED), rule("allowed", 5)),
        Arguments.of("non-semver version never matches a versions filter", facts("gamma", "abc123", "public", 90, VERIFIED),
            rule("allowed", 5)),
        Arguments.of("unknown version never matches a versions filter", facts("gamma", null, "public", 90, VERIFIED),
            rule("allowed", 5)),
        Arguments.of("source filter skips other registries", facts("gamma", "1.0.0", "local", null, UNSIGNED), rule("allowed", 5)),
        Arguments.of("require permits and marks the plugin required", facts("audit-log", "2.0.0", "team", null, UNSIGNED),
            rule("required", 3)),
        Arguments.of("unless: neither condition holds", facts("widget", "1.0.0", "public", 50, UNSIGNED), rule("denied", 4)),
        Arguments.of("unless: only one condition holds", facts("widget", "1.0.0", "public", 90, UNSIGNED), rule("denied", 4)),
        Arguments.of("unless: a missing trust score never holds", facts("widget", "1.0.0", "public", null, VERIFIED),
            rule("denied", 4)),
        Arguments.of("unless: a claimed signature counts as signed", facts("code-review", "1.0.0", "public", 90, CLAIMED),
            rule("allowed", 5)),
        Arguments.of("unless holds, then allow-listed mode decides", facts("widget", "1.0.0", "public", 90, VERIFIED),
            mode("denied", PolicyMode.ALLOW_LISTED)),
        Arguments.of("allow-listed: a wildcard allow does not count", facts("tool-a", "1.0.0", "public", 90, VERIFIED),
            mode("denied", PolicyMode.ALLOW_LISTED)),
        Arguments.of("allow-listed: a wildcard allow counts elsewhere", facts("tool-a", "1.0.0", "vendor", null, UNSIGNED),
            rule("allowed", 5)),
        Arguments.of("allow-listed: an exact name counts", facts("code-review", "1.0.0", "public", 95, VERIFIED),
            rule("allowed", 5)),
        Arguments.of("allow-listed: a wildcard require does not count", facts("sec-scan", "1.0.0", "public", 90, VERIFIED),
            mode("denied", PolicyMode.ALLOW_LISTED)),
        Arguments.of("a wildcard require counts on an open registry", facts("sec-scan", "1.0.0", "local", null, UNSIGNED),
            rule("required", 7)),
        Arguments.of("allow by source", facts("helper", "1.0.0", "team", null, UNSIGNED), rule("allowed", 6)),
        Arguments.of("enforce mode denies what no rule allows", facts("helper", "1.0.0", "vendor", null, UNSIGNED),
            mode("denied", PolicyMode.ENFORCE)),
        Arguments.of("open mode allows what no rule decides", facts("helper", "1.0.0", "local", null, UNSIGNED),
            mode("allowed", PolicyMode.OPEN)),
        Arguments.of("unknown registry: no mode can allow", facts("stray", null, null, null, UNSIGNED), mode("denied", null)),
        Arguments.of("unconfigured registry: no mode can allow", facts("stray", "1.0.0", "gone", null, UNSIGNED),
            mode("denied", null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seedStyle")
  void decidesTheSeedStylePolicy(String description, PluginFacts facts, Expect expected) {
    check(Policies.engine(SEED_STYLE).evaluate(facts), expected);
  }

  static Stream<Arguments> otherPolicies() {
    String empty = "rules: []\n";
    String allowPublicBySource = """
        rules:
          - action: allow
            plugins: ["*"]
            source: public
        """;
    String unlessUnsigned = """
        rules:
          - action: deny
            plugins: ["*"]
            unless:
              signed: false
        """;
    return Stream.of(
        Arguments.of("empty rules: open", empty, facts("a", "1.0.0", "local", null, UNSIGNED), mode("allowed", PolicyMode.OPEN)),
        Arguments.of("empty rules: enforce", empty, facts("a", "1.0.0", "team", 100, VERIFIED), mode("denied", PolicyMode.ENFORCE)),
        Arguments.of("empty rules: allow-listed", empty, facts("a", "1.0.0", "public", 100, VERIFIED),
            mode("denied", PolicyMode.ALLOW_LISTED)),
        Arguments.of("allow-listed: an allow rule with the registry's source counts", allowPublicBySource,
            facts("anything", "1.0.0", "public", null, UNSIGNED), rule("allowed", 1)),
        Arguments.of("signed: false holds for an unsigned plugin", unlessUnsigned, facts("a", "1.0.0", "local", null, UNSIGNED),
            mode("allowed", PolicyMode.OPEN)),
        Arguments.of("signed: false does not hold for a verified plugin", unlessUnsigned,
            facts("a", "1.0.0", "local", null, VERIFIED), rule("denied", 1)),
        Arguments.of("signed: false does not hold for a claimed signature", unlessUnsigned,
            facts("a", "1.0.0", "local", null, CLAIMED), rule("denied", 1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherPolicies")
  void decidesEveryModeAndCondition(String description, String yaml, PluginFacts facts, Expect expected) {
    check(Policies.engine(yaml).evaluate(facts), expected);
  }

  static Stream<Arguments> shippedDefault() {
    return Stream.of(
        Arguments.of(facts("my-tool", "1.0.0", "local", null, UNSIGNED), rule("allowed", 2)),
        Arguments.of(facts("my-backdoor", "1.0.0", "local", null, UNSIGNED), rule("denied", 1)),
        Arguments.of(facts("notes-keylogger-pro", "1.0.0", "public", 100, VERIFIED), rule("denied", 1)),
        Arguments.of(facts("code-review", "1.0.0", "public", 100, VERIFIED), mode("denied", PolicyMode.ALLOW_LISTED)));
  }

  @ParameterizedTest
  @MethodSource("shippedDefault")
  void theShippedDefaultsAllowLocalPluginsAndAllowListPublicOnes(PluginFacts facts, Expect expected) {
    PolicyEngine engine = new PolicyEngine(PolicyLoader.builtInDefault(), ConfigLoader.builtInDefaults());
    check(engine.evaluate(facts), expected);
  }

  private static void check(Decision decision, Expect expected) {
    String verdict = decision instanceof Decision.Allowed allowed && allowed.required() ? "required" : decision.verdict();
    assertThat(verdict).isEqualTo(expected.verdict());
    if (expected.rule() > 0) {
      assertThat(decision.rule()).isNotNull();
      assertThat(decision.rule().number()).isEqualTo(expected.rule());
      assertThat(decision.fallback()).isNull();
      assertThat(decision.trace()).hasSize(expected.rule());
      assertThat(decision.trace().get(expected.rule() - 1).matched()).isTrue();
    } else {
      assertThat(decision.rule()).isNull();
      assertThat(decision.fallback().mode()).isEqualTo(expected.mode());
      assertThat(decision.trace()).allSatisfy(t -> assertThat(t.matched()).isFalse());
    }
  }

  @Test
  void theTraceSaysWhyEachRuleWasSkipped() {
    Decision decision = Policies.engine(SEED_STYLE).evaluate(facts("tool-a", "1.0.0", "public", 90, VERIFIED));
    assertThat(decision.trace()).extracting(RuleTrace::outcome).containsExactly(
        RuleTrace.Outcome.PATTERN, RuleTrace.Outcome.PATTERN, RuleTrace.Outcome.PATTERN, RuleTrace.Outcome.UNLESS,
        RuleTrace.Outcome.ALLOW_LISTED, RuleTrace.Outcome.SOURCE, RuleTrace.Outcome.PATTERN);
    assertThat(decision.trace().get(3).detail())
        .isEqualTo("`*` matches, but every `unless` condition holds: trust_score >= 80 holds (trust score 90),"
            + " signed: true holds (signature verified)");
    assertThat(decision.trace().get(4).detail())
        .isEqualTo("`tool-?` matches, but `public` is allow-listed: an allow rule counts only when it names `tool-a`"
            + " exactly or carries `source: public`");
    assertThat(decision.reason())
        .isEqualTo("no rule matched; an allow rule must name `tool-a` exactly or carry `source: public`");
  }

  @Test
  void theTraceExplainsVersionSkips() {
    PolicyEngine engine = Policies.engine(SEED_STYLE);
    assertThat(engine.evaluate(facts("gamma", "1.5.0", "public", 90, VERIFIED)).trace().get(1).detail())
        .isEqualTo("version 1.5.0 is outside `<1.4.2`");
    assertThat(engine.evaluate(facts("gamma", "deadbeef", "public", 90, VERIFIED)).trace().get(1).detail())
        .isEqualTo("version `deadbeef` is not semver, so it cannot be inside `<1.4.2`");
    assertThat(engine.evaluate(facts("gamma", null, "public", 90, VERIFIED)).trace().get(1).detail())
        .isEqualTo("the version is unknown, so it cannot be inside `<1.4.2`");
  }

  @Test
  void aMatchNotesTheUnlessThatDidNotApplyAndCountsTheRulesNotTried() {
    Decision decision = Policies.engine(SEED_STYLE).evaluate(facts("widget", "1.0.0", "public", null, VERIFIED));
    assertThat(decision.trace().get(3).describe()).isEqualTo("rule 4 (deny) matched: `*` matches `widget`; `unless` does"
        + " not apply: trust_score >= 80 does not hold (no trust score), signed: true holds (signature verified)");
    assertThat(decision.untried()).isEqualTo(3);
  }

  @Test
  void aRuleWithoutReasonIsExplainedByItsPattern() {
    Decision decision = Policies.engine(SEED_STYLE).evaluate(facts("tool-b", "1.0.0", "local", null, UNSIGNED));
    assertThat(decision.reason()).isEqualTo("`tool-b` matches `tool-?`");
  }

  @Test
  void aDenialBecomesAPolicyDeniedErrorThatNamesTheCheckCommand() {
    Decision decision = Policies.engine(SEED_STYLE).evaluate(facts("widget", "1.0.0", "public", 50, UNSIGNED));
    assertThat(decision).isInstanceOf(Decision.Denied.class);
    var error = ((Decision.Denied) decision).toException();
    assertThat(error.code()).isEqualTo(dev.mp.ErrorCode.POLICY_DENIED);
    assertThat(error.exitCode()).isEqualTo(1);
    assertThat(error.getMessage()).isEqualTo(
        "the policy denies `widget` 1.0.0 from `public`: rule 4 (deny): Public plugins must be signed and trusted");
    assertThat(error.hints()).containsExactly(
        "run `mp policy check widget --source public --version 1.0.0 --trust-score 50 --explain` to see every rule tried");
  }

  @Test
  void requirementsAreTheRequireRulesInOrder() {
    assertThat(Policies.parse(SEED_STYLE).requirements()).extracting(Rule::number).isEqualTo(List.of(3, 7));
  }
}
