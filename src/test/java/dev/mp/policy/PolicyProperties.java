package dev.mp.policy;

import dev.mp.io.Glob;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PolicyProperties {
  private static final List<String> NAMES = List.of("a", "b", "ab", "ba", "abc", "a-b", "tool-x");
  private static final List<String> PATTERNS = List.of("a", "b", "ab", "a*", "*b", "?", "??", "*", "a?c", "*-*", "tool-?");

  @Property(tries = 500)
  void addingRulesAfterTheDecidingRuleNeverChangesTheDecision(
      @ForAll("rules") List<Rule> rules, @ForAll("rules") List<Rule> more, @ForAll("facts") PluginFacts facts) {
    Decision before = new PolicyEngine(new Policy(rules, null), Policies.REGISTRIES).evaluate(facts);
    List<Rule> extended = new ArrayList<>(rules);
    extended.addAll(more);
    Decision after = new PolicyEngine(new Policy(extended, null), Policies.REGISTRIES).evaluate(facts);
    if (before.rule() != null) {
      assertThat(after.verdict()).isEqualTo(before.verdict());
      assertThat(after.rule()).isSameAs(before.rule());
      assertThat(after.trace()).isEqualTo(before.trace());
    }
  }

  @Property(tries = 300)
  void aDenyEverythingFirstRuleDeniesEveryPlugin(@ForAll("rules") List<Rule> rules, @ForAll("facts") PluginFacts facts) {
    List<Rule> all = new ArrayList<>();
    all.add(new Rule(0, 0, Action.DENY, List.of(Glob.of("*")), null, null, null, "nothing"));
    all.addAll(rules);
    Decision decision = new PolicyEngine(new Policy(all, null), Policies.REGISTRIES).evaluate(facts);
    assertThat(decision).isInstanceOf(Decision.Denied.class);
    assertThat(decision.trace()).hasSize(1);
    assertThat(decision.untried()).isEqualTo(rules.size());
  }

  @Property(tries = 500)
  void theOrderOfRulesAfterTheFirstMatchDoesNotMatter(
      @ForAll("rules") List<Rule> rules, @ForAll("facts") PluginFacts facts, @ForAll long seed) {
    Decision decision = new PolicyEngine(new Policy(rules, null), Policies.REGISTRIES).evaluate(facts);
    int decided = decision.trace().size();
    List<Rule> shuffled = new ArrayList<>(rules.subList(decided, rules.size()));
    Collections.shuffle(shuffled, new Random(seed));
    List<Rule> reordered = new ArrayList<>(rules.subList(0, decided));
    reordered.addAll(shuffled);
    Decision again = new PolicyEngine(new Policy(reordered, null), Policies.REGISTRIES).evaluate(facts);
    if (decision.rule() != null) {
      assertThat(again.rule()).isSameAs(decision.rule());
      assertThat(again.verdict()).isEqualTo(decision.verdict());
    }
  }

  @Property(tries = 500)
  void theTraceSkipsEveryRuleBeforeTheOneThatDecides(@ForAll("rules") List<Rule> rules, @ForAll("facts") PluginFacts facts) {
    Decision decision = new PolicyEngine(new Policy(rules, null), Policies.REGISTRIES).evaluate(facts);
    List<RuleTrace> trace = decision.trace();
    for (int i = 0; i < trace.size(); i++) {
      assertThat(trace.get(i).rule()).isSameAs(rules.get(i));
      assertThat(trace.get(i).matched()).isEqualTo(decision.rule() != null && i == trace.size() - 1);
    }
    assertThat(trace.size() + decision.untried()).isEqualTo(rules.size());
    if (decision.rule() != null) {
      assertThat(decision.allowed()).isEqualTo(decision.rule().action().permits());
    }
  }

  @Property(tries = 300)
  void aMissingTrustScoreNeverEarnsAnExemption(
      @ForAll("comparisons") String comparison, @ForAll("facts") PluginFacts facts) {
    PluginFacts unknown = new PluginFacts(facts.name(), facts.version(), facts.source(), null, facts.signature());
    Unless unless = new Unless(TrustScoreCondition.parse(comparison).orElseThrow(), null);
    assertThat(unless.holds(unknown)).isFalse();
  }

  @Property(tries = 1000)
  void globsMatchExactlyWhatTheEquivalentRegexMatches(
      @ForAll("globs") String pattern, @ForAll("texts") String name) {
    String regex = pattern.chars().mapToObj(c -> c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf((char) c)))
        .reduce("", String::concat);
    assertThat(Glob.of(pattern).matches(name)).isEqualTo(Pattern.compile(regex, Pattern.DOTALL).matcher(name).matches());
  }

  @Provide
  Arbitrary<String> globs() {
    return Arbitraries.strings().withChars("ab*?-").ofMinLength(1).ofMaxLength(8);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("ab-").ofMaxLength(10);
  }

  @Provide
  Arbitrary<String> comparisons() {
    return Combinators.combine(Arbitraries.of(">=", "<=", ">", "<", "==", "!="), Arbitraries.integers().between(-5, 105))
        .as((op, n) -> op + " " + n);
  }

  @Provide
  Arbitrary<List<Rule>> rules() {
    Arbitrary<Unless> unless = Combinators.combine(
            comparisons().map(c -> TrustScoreCondition.parse(c).orElseThrow()).injectNull(0.4),
            Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.4))
        .as((trust, signed) -> trust == null && signed == null ? null : new Unless(trust, signed));
    Arbitrary<Rule> rule = Combinators.combine(
            Arbitraries.of(Action.class),
            Arbitraries.of(PATTERNS).list().ofMinSize(1).ofMaxSize(3),
            Arbitraries.of("local", "team", "vendor", "public", "gone").injectNull(0.6),
            Arbitraries.of("<1.0.0", "^1", ">=2", "1.x || 3.x").injectNull(0.7),
            unless.injectNull(0.6))
        .as((action, patterns, source, versions, exemption) -> new Rule(0, 0, action,
            patterns.stream().map(Glob::of).toList(), source,
            versions == null ? null : VersionFilter.parse(versions).orElseThrow(), exemption, null));
    return rule.list().ofMaxSize(8);
  }

  @Provide
  Arbitrary<PluginFacts> facts() {
    return Combinators.combine(
            Arbitraries.of(NAMES),
            Arbitraries.of("0.9.0", "1.0.0", "1.5.0-rc.1", "2.1.0", "3.0.0", "sha-abc").injectNull(0.2),
            Arbitraries.of("local", "team", "vendor", "public", "gone").injectNull(0.1),
            Arbitraries.integers().between(0, 100).injectNull(0.3),
            Arbitraries.of(SignatureState.class))
        .as(PluginFacts::new);
  }

  @Property(tries = 300)
  void oppositeTrustComparisonsDisagreeOnEveryKnownScore(
      @ForAll("thresholds") int threshold, @ForAll("scores") int score) {
    assertThat(holds(">= " + threshold, score)).isNotEqualTo(holds("< " + threshold, score));
    assertThat(holds("<= " + threshold, score)).isNotEqualTo(holds("> " + threshold, score));
    assertThat(holds("== " + threshold, score)).isNotEqualTo(holds("!= " + threshold, score));
    assertThat(holds("== " + threshold, score)).isEqualTo(holds(">= " + threshold, score) && holds("<= " + threshold, score));
  }

  private static boolean holds(String condition, int score) {
    return TrustScoreCondition.parse(condition).orElseThrow().holds(score);
  }

  @Provide
  Arbitrary<Integer> thresholds() {
    return Arbitraries.integers().between(-5, 105);
  }

  @Provide
  Arbitrary<Integer> scores() {
    return Arbitraries.integers().between(-10, 110);
  }
}
