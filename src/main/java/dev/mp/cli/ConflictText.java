package dev.mp.cli;

import dev.mp.resolve.Conflict;
import dev.mp.resolve.Offer;
import java.util.stream.Collectors;

/** One line about a conflict: who offers what, and which registry was taken and why. */
final class ConflictText {
  private ConflictText() {}

  static String line(Conflict conflict) {
    String sources = conflict.sources().stream().map(ConflictText::offer).collect(Collectors.joining(", "));
    String kind = conflict.unverifiable() ? "content not provably the same" : "different content";
    String outcome = conflict.isResolved()
        ? "took `" + conflict.chosen() + "` (" + conflict.how().wire() + ")"
        : "unresolved";
    return "conflict: `" + conflict.plugin() + "` has " + kind + " in " + sources + "; " + outcome;
  }

  private static String offer(Offer offer) {
    String integrity = offer.integrity() == null ? "integrity unknown" : shortIntegrity(offer.integrity());
    return "`" + offer.registry() + "` " + offer.version() + " (" + integrity + ")";
  }

  /** The algorithm and the first 12 characters of the digest: enough to tell two apart at a glance. */
  static String shortIntegrity(String integrity) {
    int dash = integrity.indexOf('-');
    return dash < 0 || integrity.length() < dash + 13 ? integrity : integrity.substring(0, dash + 13) + "…";
  }
}
