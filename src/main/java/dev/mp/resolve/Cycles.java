package dev.mp.resolve;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a dependency cycle among the decided releases: a depth-first walk from the requested plugins
 * (by name), following each decision's dependencies in the solver's order (by name). Uses the
 * nodes' marks, so it costs one visit per plugin and dependency, without lookups.
 */
final class Cycles {
  private static final int ON_PATH = 1;
  private static final int DONE = 2;

  private Cycles() {}

  /**
   * @param decided the solver's decisions, sorted by name (fresh marks)
   * @return the problem for the first cycle met, or null when there is none
   */
  static Problem find(List<Node> decided) {
    for (Node node : decided) {
      if (node.isRequested()) {
        Problem problem = walk(node);
        if (problem != null) {
          return problem;
        }
      }
    }
    for (Node node : decided) {
      Problem problem = walk(node);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static Problem walk(Node start) {
    if (start == null || start.mark != 0) {
      return null;
    }
    List<Node> path = new ArrayList<>();
    int[] next = new int[16];
    path.add(start);
    start.mark = ON_PATH;
    while (!path.isEmpty()) {
      int top = path.size() - 1;
      Node node = path.get(top);
      List<Need> dependencies = node.frame.added;
      if (next[top] >= dependencies.size()) {
        node.mark = DONE;
        path.remove(top);
        continue;
      }
      Node target = dependencies.get(next[top]++).target;
      if (target.mark == 0) {
        target.mark = ON_PATH;
        path.add(target);
        if (path.size() > next.length) {
          next = java.util.Arrays.copyOf(next, next.length * 2);
        }
        next[path.size() - 1] = 0;
      } else if (target.mark == ON_PATH) {
        int from = path.indexOf(target);
        List<String> cycle = new ArrayList<>();
        for (int i = from; i < path.size(); i++) {
          cycle.add(path.get(i).name);
        }
        cycle.add(target.name);
        List<String> reachedFrom = new ArrayList<>();
        for (int i = 0; from > 0 && i <= from; i++) {
          reachedFrom.add(path.get(i).name);
        }
        return Problem.cycle(cycle, reachedFrom);
      }
    }
    return null;
  }
}
