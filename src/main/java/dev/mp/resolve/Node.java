package dev.mp.resolve;

import java.util.ArrayList;
import java.util.List;

/** A plugin name in this solve: its constraints and, once decided, its frame. */
final class Node {
  final String name;
  final Catalog.Offerings offerings;
  final List<Need> needs = new ArrayList<>(2);
  Frame frame;
  long seq = -1;
  Selection selection;
  int mark;

  Node(String name, Catalog.Offerings offerings) {
    this.name = name;
    this.offerings = offerings;
  }

  /** True when the user asked for it (it has a constraint of its own, not only from dependents). */
  boolean isRequested() {
    for (int i = 0; i < needs.size(); i++) {
      if (needs.get(i).owner == null) {
        return true;
      }
    }
    return false;
  }

  boolean accepts(Candidate candidate) {
    for (int i = 0; i < needs.size(); i++) {
      if (!needs.get(i).accepts(candidate)) {
        return false;
      }
    }
    return true;
  }
}
