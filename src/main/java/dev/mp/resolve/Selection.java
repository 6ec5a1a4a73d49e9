package dev.mp.resolve;

/** Where a plugin would come from under its current constraints: a reason and candidates, or the problem. */
final class Selection {
  final ChoiceReason reason;
  final Candidate[] candidates;
  final Problem problem;

  Selection(ChoiceReason reason, Candidate[] candidates) {
    this.reason = reason;
    this.candidates = candidates;
    this.problem = null;
  }

  Selection(Problem problem) {
    this.reason = null;
    this.candidates = null;
    this.problem = problem;
  }
}
