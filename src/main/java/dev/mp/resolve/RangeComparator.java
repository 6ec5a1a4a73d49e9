package dev.mp.resolve;

/**
 * One primitive comparator of a range set, as npm desugars ranges: {@code >=1.2.0}, {@code <2.0.0-0},
 * an exact version, or the any-comparator. Only semver versions reach {@link #test}.
 */
record RangeComparator(Operator operator, Version version) {
  static final RangeComparator ANY = new RangeComparator(Operator.ANY, null);

  enum Operator {
    ANY(""), EQ(""), GT(">"), GTE(">="), LT("<"), LTE("<=");

    final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }
  }

  boolean isAny() {
    return operator == Operator.ANY;
  }

  boolean test(Version candidate) {
    if (operator == Operator.ANY) {
      return true;
    }
    int c = candidate.comparePrecedence(version);
    switch (operator) {
      case EQ:
        return c == 0;
      case GT:
        return c > 0;
      case GTE:
        return c >= 0;
      case LT:
        return c < 0;
      case LTE:
        return c <= 0;
      default:
        throw new AssertionError(operator);
    }
  }

  @Override
  public String toString() {
    return operator == Operator.ANY ? "*" : operator.symbol + version.normalized();
  }
}
