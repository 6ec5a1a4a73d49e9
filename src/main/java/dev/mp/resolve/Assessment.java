package dev.mp.resolve;

import dev.mp.config.ConflictStrategy;
import dev.mp.registry.LoadedRegistry;
import dev.mp.registry.PluginEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * What every registry offers for one decided plugin, under its final constraints: the sources that
 * could supply it (for conflict detection), the other registries offering it, and the trace lines.
 * Built after solving, once per resolved plugin, from lookups the solver already made.
 */
final class Assessment {
  final Node node;
  final Candidate chosen;
  final ChoiceReason reason;
  final String pin;
  /** Registries that could supply the plugin (eligible, a satisfying release), in consulting order. */
  final List<Offer> sources = new ArrayList<>();
  /** Every other registry offering the plugin. */
  final List<Offer> alternatives = new ArrayList<>();
  final List<Trace.Consultation> consultations;
  /** The conflict over the plugin, not yet settled by a strategy; null when the sources agree. */
  final Conflict conflict;

  Assessment(Solver solver, Node node, ConflictStrategy strategy, boolean explain) {
    this.node = node;
    this.chosen = node.frame.current;
    this.reason = node.frame.reason;
    this.pin = pinOf(node);
    this.consultations = explain ? new ArrayList<>() : null;
    Catalog catalog = solver.catalog();
    boolean anyDifferent = false;
    boolean anyUnverifiable = false;
    List<Candidate> sourceReleases = new ArrayList<>();
    for (int c = 0; c < catalog.positionOfConsulted.length; c++) {
      LoadedRegistry registry = catalog.consulted.get(c);
      int r = catalog.positionOfConsulted[c];
      int priority = registry.spec().priority();
      if (r < 0) {
        consult(registry.name(), priority, Trace.Offering.UNAVAILABLE, null, null, registry.problem());
        continue;
      }
      PluginEntry entry = node.offerings.entry(r);
      if (entry == null) {
        consult(registry.name(), priority, Trace.Offering.NOT_OFFERED, null, null, null);
        continue;
      }
      Candidate[] all = node.offerings.candidates(r);
      Candidate best = r == chosen.registry ? chosen : counterpart(solver.satisfying(node, r));
      if (best == null) {
        Candidate latest = latest(all);
        boolean pinnedAway = pin != null && !pin.equals(registry.name());
        alternatives.add(offer(latest, priority, false));
        consult(registry.name(), priority, pinnedAway ? Trace.Offering.PINNED_ELSEWHERE : Trace.Offering.NO_MATCHING_RELEASE,
            latest.version.text(), latest.release.integrity(),
            pinnedAway ? "must come from `" + pin + "`" : join(versions(all), skippedYanked(node, all)));
        continue;
      }
      Offer offer = offer(best, priority, true);
      sources.add(offer);
      String detail = null;
      if (best != chosen) {
        alternatives.add(offer);
        Content content = Content.compare(chosen.release, best.release);
        anyDifferent |= content == Content.DIFFERENT;
        anyUnverifiable |= content == Content.UNVERIFIABLE;
        detail = content == Content.SAME ? "same content as the winner"
            : content == Content.DIFFERENT ? "different content" : "content not provably the same (integrity unknown)";
      } else {
        Candidate top = first(solver.satisfying(node, r));
        if (top != chosen) {
          detail = "the highest release that fits the other plugins (" + top.version + " does not)";
        }
      }
      sourceReleases.add(best);
      consult(registry.name(), priority, Trace.Offering.OFFERED, best.version.text(), best.release.integrity(),
          join(join(detail, lockedYanked(best)), skippedYanked(node, all)));
    }
    this.conflict = conflictOf(sourceReleases, anyDifferent, anyUnverifiable, strategy);
  }

  /**
   * Sources conflict when they are not all provably the same content as the first (highest-priority)
   * one; comparing with the winner as well covers a winner chosen below the first.
   */
  private Conflict conflictOf(List<Candidate> releases, boolean anyDifferent, boolean anyUnverifiable,
      ConflictStrategy strategy) {
    if (releases.size() < 2) {
      return null;
    }
    Candidate head = releases.get(0);
    for (int i = 1; i < releases.size(); i++) {
      Content content = Content.compare(head.release, releases.get(i).release);
      anyDifferent |= content == Content.DIFFERENT;
      anyUnverifiable |= content == Content.UNVERIFIABLE;
    }
    if (!anyDifferent && !anyUnverifiable) {
      return null;
    }
    return new Conflict(node.name, sources, !anyDifferent, strategy, null, null);
  }

  private Offer offer(Candidate candidate, int priority, boolean satisfies) {
    return new Offer(candidate.registryName, priority, candidate.version.text(), candidate.release.integrity(),
        candidate.release.source(), satisfies);
  }

  private void consult(String registry, int priority, Trace.Offering offering, String version, String integrity,
      String detail) {
    if (consultations != null) {
      consultations.add(new Trace.Consultation(registry, priority, offering, version, integrity, detail));
    }
  }

  /**
   * The release another registry would supply in place of the chosen one: the same version when it
   * has it (so a mirror is compared release for release, even when dependencies forced an older
   * release), else its highest satisfying release (a different version is different content).
   */
  private Candidate counterpart(Candidate[] satisfying) {
    Candidate sameVersion = null;
    for (Candidate candidate : satisfying) {
      if (candidate.version.text().equals(chosen.version.text())) {
        return candidate;
      }
      if (sameVersion == null && candidate.version.comparePrecedence(chosen.version) == 0) {
        sameVersion = candidate;
      }
    }
    return sameVersion != null ? sameVersion : first(satisfying);
  }

  /** {@code skipped yanked 1.2.0 (reason)}: yanked releases that satisfy the constraints; null when none. */
  private static String skippedYanked(Node node, Candidate[] all) {
    StringJoiner skipped = new StringJoiner(", ", "skipped yanked ", "");
    skipped.setEmptyValue("");
    for (Candidate candidate : all) {
      if (!candidate.eligible && node.accepts(candidate)) {
        String reason = candidate.release.details().yankedReason();
        skipped.add(candidate.version.text() + (reason == null ? "" : " (" + reason + ")"));
      }
    }
    return skipped.length() == 0 ? null : skipped.toString();
  }

  /** For a yanked release kept because the lockfile pins it: says so; else null. */
  private static String lockedYanked(Candidate candidate) {
    if (!candidate.release.yanked()) {
      return null;
    }
    String reason = candidate.release.details().yankedReason();
    return "yanked" + (reason == null ? "" : " (" + reason + ")") + ", kept because `plugin-lock.json` pins it";
  }

  private static String join(String a, String b) {
    return a == null ? b : b == null ? a : a + "; " + b;
  }

  private static Candidate first(Candidate[] candidates) {
    return candidates.length == 0 ? null : candidates[0];
  }

  private static Candidate latest(Candidate[] all) {
    for (Candidate candidate : all) {
      if (candidate.latest) {
        return candidate;
      }
    }
    return all[0];
  }

  private static String versions(Candidate[] all) {
    StringJoiner out = new StringJoiner(", ", "has ", "");
    for (int i = 0; i < all.length && i < 5; i++) {
      out.add(all[i].version.text() + (all[i].eligible ? "" : " (yanked)"));
    }
    return all.length > 5 ? out + ", … " + (all.length - 5) + " more" : out.toString();
  }

  private static String pinOf(Node node) {
    for (Need need : node.needs) {
      if (need.pin != null) {
        return need.pin;
      }
    }
    return null;
  }
}
