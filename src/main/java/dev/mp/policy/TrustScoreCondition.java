package dev.mp.policy;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code trust_score} condition of an {@code unless}: a comparison and a number, written {@code
 * ">= 80"}. A plugin without a trust score never satisfies it, whatever the comparison (also {@code
 * !=}): an unknown score must not earn an exemption. Immutable.
 *
 * @param comparison one of {@code >= <= > < == !=}
 * @param threshold the number compared with
 */
public record TrustScoreCondition(String comparison, BigDecimal threshold) {
  private static final Pattern FORM = Pattern.compile("\\s*(>=|<=|==|!=|>|<)\\s*(-?\\d+(?:\\.\\d+)?)\\s*");

  public TrustScoreCondition {
    Objects.requireNonNull(comparison);
    Objects.requireNonNull(threshold);
  }

  /** The condition written as {@code text}, or empty when it is not a comparison with a number. */
  public static Optional<TrustScoreCondition> parse(String text) {
    Matcher m = FORM.matcher(text);
    return m.matches() ? Optional.of(new TrustScoreCondition(m.group(1), new BigDecimal(m.group(2)))) : Optional.empty();
  }

  /** True when {@code score} is known and compares as the condition says. */
  public boolean holds(Integer score) {
    if (score == null) {
      return false;
    }
    int c = BigDecimal.valueOf(score).compareTo(threshold);
    switch (comparison) {
      case ">=":
        return c >= 0;
      case "<=":
        return c <= 0;
      case ">":
        return c > 0;
      case "<":
        return c < 0;
      case "==":
        return c == 0;
      default:
        return c != 0;
    }
  }

  /** {@code >= 80}. */
  public String text() {
    return comparison + " " + threshold.toPlainString();
  }
}
