package dev.mp.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code unless} of a rule: the rule is skipped when ALL its conditions hold. At least one
 * condition is present. A missing trust score never satisfies {@code trust_score}; {@code signed: true}
 * holds for a verified or (registry without keys) claimed signature, {@code signed: false} for an
 * unsigned plugin. Immutable.
 *
 * @param trustScore the trust score condition, or null
 * @param signed the required signature state, or null
 */
public record Unless(TrustScoreCondition trustScore, Boolean signed) {
  public Unless {
    if (trustScore == null && signed == null) {
      throw new IllegalArgumentException("an `unless` needs at least one condition");
    }
  }

  /** One condition checked against a plugin. */
  public record Check(String condition, boolean holds, String observed) {
    /** {@code trust_score >= 80 holds (85)}. */
    public String describe() {
      return condition + (holds ? " holds" : " does not hold") + " (" + observed + ")";
    }
  }

  /** Each condition checked against {@code facts}, {@code trust_score} first. */
  public List<Check> check(PluginFacts facts) {
    List<Check> checks = new ArrayList<>(2);
    if (trustScore != null) {
      checks.add(new Check("trust_score " + trustScore.text(), trustScore.holds(facts.trustScore()),
          facts.trustScore() == null ? "no trust score" : "trust score " + facts.trustScore()));
    }
    if (signed != null) {
      boolean isSigned = facts.signature().countsAsSigned();
      checks.add(new Check("signed: " + signed, isSigned == signed, "signature " + facts.signature().wire()));
    }
    return checks;
  }

  /** True when every condition holds for {@code facts}, so the rule is skipped. */
  public boolean holds(PluginFacts facts) {
    return (trustScore == null || trustScore.holds(facts.trustScore()))
        && (signed == null || facts.signature().countsAsSigned() == signed);
  }

  /** {@code trust_score >= 80, signed: true}. */
  public String text() {
    List<String> parts = new ArrayList<>(2);
    if (trustScore != null) {
      parts.add("trust_score " + trustScore.text());
    }
    if (signed != null) {
      parts.add("signed: " + signed);
    }
    return String.join(", ", parts);
  }
}
