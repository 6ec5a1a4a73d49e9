package dev.mp.resolve;

import dev.mp.MpException;
import dev.mp.registry.DependencySpec;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds one consistent set of releases: every constraint on a plugin holds, each plugin's registry is
 * the one its preferences or the priority order pick, and within it the highest satisfying release
 * is tried first.
 *
 * <p>Plugins are decided one at a time in the order they were discovered (requested names sorted,
 * then dependencies as decisions add them, each release's dependencies sorted by name), so the
 * outcome depends on nothing but the content of the inputs. Each decision checks its dependencies at
 * once: a decided plugin must satisfy the new constraint, an undecided one must still have a
 * candidate. When a plugin has no candidate left, the solver jumps back to the most recent decision
 * that contributed to the failure (conflict-directed backjumping) and tries that decision's next
 * release; when no decision contributed, resolution fails with the problem met.
 *
 * <p>Limits: a plugin's registry is fixed by its constraints and preferences and is never switched to
 * make dependencies fit (switching registries silently is what dependency confusion exploits); the
 * search stops after {@link #MAX_ATTEMPTS} attempts; cycles are found after solving.
 */
final class Solver {
  static final int MAX_ATTEMPTS = 100_000;
  private static final Candidate[] NONE = new Candidate[0];

  private final Catalog catalog;
  private final Preferences preferences;
  private final Map<String, Node> nodes = new HashMap<>();
  private final TreeMap<Long, Node> pending = new TreeMap<>();
  private final List<Frame> trail = new ArrayList<>();
  private final int maxAttempts;
  private long discovered;
  private int attempts;

  Solver(Catalog catalog, Preferences preferences) {
    this(catalog, preferences, MAX_ATTEMPTS);
  }

  Solver(Catalog catalog, Preferences preferences, int maxAttempts) {
    this.catalog = catalog;
    this.preferences = preferences;
    this.maxAttempts = maxAttempts;
  }

  /** A requested plugin: its name and range. */
  record Root(String name, VersionRange range) {}

  /**
   * Solves for {@code roots} (already sorted).
   *
   * @return the decided plugins, sorted by name
   * @throws MpException {@code PLUGIN_NOT_FOUND} or {@code DEPENDENCY_ERROR} with the chain of plugins
   */
  List<Node> solve(List<Root> roots) {
    for (Root root : roots) {
      addNeed(node(root.name()), new Need(root.range(), null, null));
    }
    Failure failure = null;
    while (true) {
      if (failure == null) {
        Map.Entry<Long, Node> next = pending.pollFirstEntry();
        if (next == null) {
          return decided();
        }
        Node node = next.getValue();
        Selection selection = select(node);
        if (selection.problem != null) {
          pending.put(node.seq, node);
          failure = new Failure(owners(node), selection.problem);
          continue;
        }
        Frame frame = new Frame(node, trail.size(), selection);
        trail.add(frame);
        node.frame = frame;
        failure = advance(frame);
      } else {
        int target = failure.culprits.length() - 1;
        if (target < 0) {
          throw failure.problem.toException(catalog);
        }
        while (trail.size() - 1 > target) {
          pop(trail.get(trail.size() - 1));
        }
        Frame frame = trail.get(target);
        retract(frame);
        frame.culprits.or(failure.culprits);
        frame.culprits.clear(target);
        frame.problems.add(failure.problem);
        failure = advance(frame);
      }
    }
  }

  /** Tries the frame's remaining candidates; null once one holds, else the frame's failure (frame popped). */
  private Failure advance(Frame frame) {
    while (frame.next < frame.candidates.length) {
      if (++attempts > maxAttempts) {
        throw Problem.gaveUp(maxAttempts, frame.problems.isEmpty() ? null : frame.problems.get(0)).toException(catalog);
      }
      Candidate candidate = frame.candidates[frame.next++];
      Failure failure = apply(frame, candidate);
      if (failure == null) {
        return null;
      }
      retract(frame);
      frame.culprits.or(failure.culprits);
      frame.culprits.clear(frame.depth);
      frame.problems.add(failure.problem);
    }
    BitSet culprits = (BitSet) frame.culprits.clone();
    culprits.or(owners(frame.node));
    culprits.clear(frame.depth);
    Problem problem = Problem.firstOf(frame.problems);
    pop(frame);
    return new Failure(culprits, problem);
  }

  private Failure apply(Frame frame, Candidate candidate) {
    frame.current = candidate;
    for (DependencySpec dependency : candidate.dependencies()) {
      Object parsed = catalog.range(dependency.range());
      if (parsed instanceof MpException) {
        BitSet culprits = new BitSet();
        culprits.set(frame.depth);
        return new Failure(culprits, Problem.invalidRange(chain(frame.node), candidate, dependency,
            ((MpException) parsed).getMessage()));
      }
      Node target = node(dependency.name());
      Need need = new Need((VersionRange) parsed, dependency.registryFor(candidate.registryName), frame);
      addNeed(target, need);
      frame.added.add(need);
      if (target.frame != null) {
        if (!need.accepts(target.frame.current)) {
          BitSet culprits = owners(target);
          culprits.set(target.frame.depth);
          return new Failure(culprits, Problem.unsatisfiable(this, target, need, target.frame.current));
        }
      } else {
        Selection selection = select(target);
        if (selection.problem != null) {
          return new Failure(owners(target), selection.problem);
        }
      }
    }
    return null;
  }

  /**
   * Which registry supplies the plugin under its current constraints, and its satisfying releases;
   * kept on the node until its constraints change (a forward check and the decision share it).
   */
  private Selection select(Node node) {
    if (node.selection == null) {
      node.selection = computeSelection(node);
    }
    return node.selection;
  }

  private Selection computeSelection(Node node) {
    String pin = null;
    Need pinnedBy = null;
    for (Need need : node.needs) {
      if (need.pin != null) {
        if (pin == null) {
          pin = need.pin;
          pinnedBy = need;
        } else if (!pin.equals(need.pin)) {
          return new Selection(Problem.pinConflict(this, node, pinnedBy, need));
        }
      }
    }
    if (pin != null) {
      int r = catalog.position(pin);
      if (r < 0) {
        return new Selection(Problem.pinMissing(this, node, pinnedBy, catalog.registry(pin)));
      }
      Candidate[] satisfying = satisfying(node, r);
      return satisfying.length > 0 ? new Selection(ChoiceReason.PIN, satisfying)
          : new Selection(Problem.noRelease(this, node, pin));
    }
    for (int p = 0; p < Preferences.ORDER.size() && !preferences.isEmpty(); p++) {
      ChoiceReason reason = Preferences.ORDER.get(p);
      int r = catalog.position(preferences.registry(reason, node.name));
      if (r >= 0) {
        Candidate[] satisfying = satisfying(node, r);
        if (satisfying.length > 0) {
          return new Selection(reason, satisfying);
        }
      }
    }
    boolean offered = false;
    for (int r = 0; r < catalog.available.length; r++) {
      if (node.offerings.entry(r) != null) {
        Candidate[] satisfying = satisfying(node, r);
        if (satisfying.length > 0) {
          return new Selection(offered ? ChoiceReason.RANGE : ChoiceReason.PRIORITY, satisfying);
        }
        offered = true;
      }
    }
    return new Selection(Problem.noRelease(this, node, null));
  }

  /**
   * The registry's releases that satisfy every constraint on the node, best first, yanked ones left out
   * (unless the lockfile pins them). Shared arrays: callers must not modify them.
   */
  Candidate[] satisfying(Node node, int registry) {
    if (wantsTags(node)) {
      node.offerings.addTags(registry);
    }
    Candidate[] all = node.offerings.candidates(registry);
    int count = 0;
    Candidate[] matches = null;
    for (int i = 0; i < all.length; i++) {
      if (all[i].eligible && node.accepts(all[i])) {
        if (matches != null) {
          matches[count] = all[i];
        }
        count++;
      } else if (matches == null) {
        matches = new Candidate[all.length];
        System.arraycopy(all, 0, matches, 0, count);
      }
    }
    if (matches == null) {
      return all;
    }
    return count == 0 ? NONE : java.util.Arrays.copyOf(matches, count);
  }

  /** True when a constraint on the node is a range other than {@code *}: then git tags count as releases. */
  private static boolean wantsTags(Node node) {
    for (int i = 0; i < node.needs.size(); i++) {
      if (!node.needs.get(i).range.isAny()) {
        return true;
      }
    }
    return false;
  }

  /** The plugins leading from a requested one to {@code node}, following each one's first constraint. */
  List<String> chain(Node node) {
    List<String> names = new ArrayList<>();
    Node current = node;
    for (int guard = 0; current != null && guard <= nodes.size(); guard++) {
      names.add(current.name);
      Frame owner = current.needs.isEmpty() ? null : current.needs.get(0).owner;
      current = owner == null ? null : owner.node;
    }
    java.util.Collections.reverse(names);
    return names;
  }

  Catalog catalog() {
    return catalog;
  }

  private Node node(String name) {
    Node node = nodes.get(name);
    if (node == null) {
      node = new Node(name, catalog.offerings(name));
      nodes.put(name, node);
    }
    return node;
  }

  private void addNeed(Node node, Need need) {
    need.target = node;
    node.needs.add(need);
    node.selection = null;
    if (node.seq < 0) {
      node.seq = discovered++;
      if (node.frame == null) {
        pending.put(node.seq, node);
      }
    }
  }

  /** Removes the constraints the frame's current candidate added. */
  private void retract(Frame frame) {
    for (int i = frame.added.size() - 1; i >= 0; i--) {
      Need need = frame.added.get(i);
      Node target = need.target;
      if (target.needs.remove(target.needs.size() - 1) != need) {
        throw new IllegalStateException("constraints retracted out of order for `" + target.name + "`");
      }
      target.selection = null;
      if (target.needs.isEmpty()) {
        pending.remove(target.seq);
        target.seq = -1;
      }
    }
    frame.added.clear();
    frame.current = null;
  }

  private void pop(Frame frame) {
    retract(frame);
    trail.remove(trail.size() - 1);
    frame.node.frame = null;
    if (!frame.node.needs.isEmpty()) {
      pending.put(frame.node.seq, frame.node);
    }
  }

  private static BitSet owners(Node node) {
    BitSet owners = new BitSet();
    for (Need need : node.needs) {
      if (need.owner != null) {
        owners.set(need.owner.depth);
      }
    }
    return owners;
  }

  private List<Node> decided() {
    // Names sorted in their natural order, then mapped back: sorting the nodes through a comparator
    // lambda took a fifth of the solver's time for thousands of plugins.
    String[] names = new String[trail.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = trail.get(i).node.name;
    }
    java.util.Arrays.sort(names);
    Node[] sorted = new Node[names.length];
    for (int i = 0; i < names.length; i++) {
      sorted[i] = nodes.get(names[i]);
    }
    return java.util.Arrays.asList(sorted);
  }

  private record Failure(BitSet culprits, Problem problem) {}
}
