package dev.mp.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.io.Glob;
import dev.mp.testing.Gen;
import dev.mp.testing.Property;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PolicyProperties {
  private static final List<String> NAMES = List.of("a", "b", "ab", "ba", "abc", "a-b", "tool-x");
  private static final List<String> PATTERNS = List.of("a", "b", "ab", "a*", "*b", "?", "??", "*", "a?c", "*-*", "tool-?");

  @Test
  void addingRulesAfterTheDecidingRuleNeverChangesTheDecision() {
    Property.forAll(500, gen -> {
      List<Rule> rules = rules(gen);
      List<Rule> more = rules(gen);
      PluginFacts facts = facts(gen);
      Decision before = new PolicyEngine(new Policy(rules, null), Policies.REGISTRIES).evaluate(facts);
      List<Rule> extended = new ArrayList<>(rules);
      extended.addAll(more);
      Decision after = new PolicyEngine(new Policy(extended, null), Policies.REGISTRIES).evaluate(facts);
      if (before.rule() != null) {
        assertThat(after.verdict()).isEqualTo(before.verdict());
        assertThat(after.rule()).isSameAs(before.rule());
        assertThat(after.trace()).isEqualTo(before.trace());
      }
    });
  }

  @Test
  void aDenyEverythingFirstRuleDeniesEveryPlugin() {
    Property.forAll(300, gen -> {
      List<Rule> rules = rules(gen);
      PluginFacts facts = facts(gen);
      List<Rule> all = new ArrayList<>();
      all.add(new Rule(0, 0, Action.DENY, List.of(Glob.of("*")), null, null, null, "nothing"));
      all.addAll(rules);
      Decision decision = new PolicyEngine(new Policy(all, null), Policies.REGISTRIES).evaluate(facts);
      assertThat(decision).isInstanceOf(Decision.Denied.class);
      assertThat(decision.trace()).hasSize(1);
      assertThat(decision.untried()).isEqualTo(rules.size());
    });
  }

  @Test
  void theOrderOfRulesAfterTheFirstMatchDoesNotMatter() {
    Property.forAll(500, gen -> {
      List<Rule> rules = rules(gen);
      PluginFacts facts = facts(gen);
      Decision decision = new PolicyEngine(new Policy(rules, null), Policies.REGISTRIES).evaluate(facts);
      int decided = decision.trace().size();
      List<Rule> reordered = new ArrayList<>(rules.subList(0, decided));
      reordered.addAll(gen.shuffled(rules.subList(decided, rules.size())));
      Decision again = new PolicyEngine(new Policy(reordered, null), Policies.REGISTRIES).evaluate(facts);
      if (decision.rule() != null) {
        assertThat(again.rule()).isSameAs(decision.rule());
        assertThat(again.verdict()).isEqualTo(decision.verdict());
      }
    });
  }

  @Test
  void theTraceSkipsEveryRuleBeforeTheOneThatDecides() {
    Property.forAll(500, gen -> {
      List<Rule> rules = rules(gen);
      PluginFacts facts = facts(gen);
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
    });
  }

  @Test
  void aMissingTrustScoreNeverEarnsAnExemption() {
    Property.forAll(300, gen -> {
      String comparison = comparison(gen);
      PluginFacts facts = facts(gen);
      PluginFacts unknown = new PluginFacts(facts.name(), facts.version(), facts.source(), null, facts.signature());
      Unless unless = new Unless(TrustScoreCondition.parse(comparison).orElseThrow(), null);
      assertThat(unless.holds(unknown)).as(comparison).isFalse();
    });
  }

  @Test
  void globsMatchExactlyWhatTheEquivalentRegexMatches() {
    Property.forAll(1000, gen -> {
      String pattern = gen.string("ab*?-", 1, 8);
      String name = gen.string("ab-", 0, 10);
      String regex = pattern.chars()
          .mapToObj(c -> c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf((char) c)))
          .reduce("", String::concat);
      assertThat(Glob.of(pattern).matches(name)).as(pattern + " vs " + name)
          .isEqualTo(Pattern.compile(regex, Pattern.DOTALL).matcher(name).matches());
    });
  }

  @Test
  void oppositeTrustComparisonsDisagreeOnEveryKnownScore() {
    Property.forAll(300, gen -> {
      int threshold = gen.between(-5, 105);
      int score = gen.between(-10, 110);
      assertThat(holds(">= " + threshold, score)).isNotEqualTo(holds("< " + threshold, score));
      assertThat(holds("<= " + threshold, score)).isNotEqualTo(holds("> " + threshold, score));
      assertThat(holds("== " + threshold, score)).isNotEqualTo(holds("!= " + threshold, score));
      assertThat(holds("== " + threshold, score))
          .isEqualTo(holds(">= " + threshold, score) && holds("<= " + threshold, score));
    });
  }

  private static boolean holds(String condition, int score) {
    return TrustScoreCondition.parse(condition).orElseThrow().holds(score);
  }

  private static String comparison(Gen gen) {
    return gen.of(">=", "<=", ">", "<", "==", "!=") + " " + gen.between(-5, 105);
  }

  private static List<Rule> rules(Gen gen) {
    return gen.list(0, 8, () -> {
      Unless unless = gen.orNull(0.6, () -> {
        TrustScoreCondition trust = gen.orNull(0.4, () -> TrustScoreCondition.parse(comparison(gen)).orElseThrow());
        Boolean signed = gen.orNull(0.4, () -> gen.of(Boolean.TRUE, Boolean.FALSE));
        return trust == null && signed == null ? null : new Unless(trust, signed);
      });
      List<Glob> patterns = gen.list(1, 3, () -> Glob.of(gen.of(PATTERNS)));
      String source = gen.orNull(0.6, () -> gen.of("local", "team", "vendor", "public", "gone"));
      String versions = gen.orNull(0.7, () -> gen.of("<1.0.0", "^1", ">=2", "1.x || 3.x"));
      return new Rule(0, 0, gen.of(Action.class), patterns, source,
          versions == null ? null : VersionFilter.parse(versions).orElseThrow(), unless, null);
    });
  }

  private static PluginFacts facts(Gen gen) {
    return new PluginFacts(
        gen.of(NAMES),
        gen.orNull(0.2, () -> gen.of("0.9.0", "1.0.0", "1.5.0-rc.1", "2.1.0", "3.0.0", "sha-abc")),
        gen.orNull(0.1, () -> gen.of("local", "team", "vendor", "public", "gone")),
        gen.orNull(0.3, () -> gen.between(0, 100)),
        gen.of(SignatureState.class));
  }
}
