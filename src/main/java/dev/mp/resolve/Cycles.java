package dev.mp.resolve;

import dev.mp.registry.DependencySpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Finds a dependency cycle among the decided releases: a depth-first walk from the requested plugins, by name. */
final class Cycles {
  private Cycles() {}

  /**
   * @param decided the solver's decisions, by name
   * @param roots the requested names, sorted
   * @return the problem for the first cycle met, or null when there is none
   */
  static Problem find(TreeMap<String, Solver.Node> decided, List<String> roots) {
    Map<String, Integer> state = new HashMap<>();
    List<String> starts = new ArrayList<>(roots);
    starts.addAll(decided.keySet());
    for (String start : starts) {
      if (state.containsKey(start)) {
        continue;
      }
      Problem problem = walk(start, decided, state);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static final int ON_PATH = 1;
  private static final int DONE = 2;

  private static Problem walk(String start, TreeMap<String, Solver.Node> decided, Map<String, Integer> state) {
    List<String> path = new ArrayList<>();
    List<Integer> nextChild = new ArrayList<>();
    path.add(start);
    nextChild.add(0);
    state.put(start, ON_PATH);
    while (!path.isEmpty()) {
      int top = path.size() - 1;
      Solver.Node node = decided.get(path.get(top));
      List<DependencySpec> dependencies = node == null ? List.of() : node.frame.current.dependencies();
      int child = nextChild.get(top);
      if (child >= dependencies.size()) {
        state.put(path.remove(top), DONE);
        nextChild.remove(top);
        continue;
      }
      nextChild.set(top, child + 1);
      String next = dependencies.get(child).name();
      Integer seen = state.get(next);
      if (seen == null) {
        state.put(next, ON_PATH);
        path.add(next);
        nextChild.add(0);
      } else if (seen == ON_PATH) {
        int from = path.indexOf(next);
        List<String> cycle = new ArrayList<>(path.subList(from, path.size()));
        cycle.add(next);
        return Problem.cycle(cycle, from == 0 ? List.of() : path.subList(0, from + 1));
      }
    }
    return null;
  }
}
