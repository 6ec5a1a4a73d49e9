package dev.mp.resolve;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** One decision: a plugin, its registry, its candidates in order, and what the current one added. */
final class Frame {
  final Node node;
  final int depth;
  final ChoiceReason reason;
  final Candidate[] candidates;
  final List<Need> added = new ArrayList<>(4);
  final BitSet culprits = new BitSet();
  final List<Problem> problems = new ArrayList<>(1);
  int next;
  Candidate current;

  Frame(Node node, int depth, Selection selection) {
    this.node = node;
    this.depth = depth;
    this.reason = selection.reason;
    this.candidates = selection.candidates;
  }
}
