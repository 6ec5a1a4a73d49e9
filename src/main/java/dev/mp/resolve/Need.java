package dev.mp.resolve;

/** A constraint in the solver: a range, an optional registry pin, and the decision that added it. */
final class Need {
  final VersionRange range;
  final String pin;
  final Frame owner;
  Node target;

  Need(VersionRange range, String pin, Frame owner) {
    this.range = range;
    this.pin = pin;
    this.owner = owner;
  }

  /**
   * True when the candidate satisfies this constraint. The any-range also takes the entry's latest
   * release, whatever its version, as npm's {@code latest} tag does.
   */
  boolean accepts(Candidate candidate) {
    return (range.test(candidate.version) || (candidate.latest && range.isAny()))
        && (pin == null || pin.equals(candidate.registryName));
  }

  Constraint toConstraint() {
    return owner == null ? new Constraint(range.text(), null, null, pin)
        : new Constraint(range.text(), owner.node.name, owner.current.version.text(), pin);
  }
}
