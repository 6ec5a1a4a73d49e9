package dev.mp.resolve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --explain} trace as lines for people: the registries in the order consulted, then for
 * each plugin its constraints, what every registry offered, the winner and why, the conflict and the
 * policy decision. Meant for stderr (or stdout after the table); deterministic, no colour.
 */
public final class ExplainText {
  private ExplainText() {}

  /** The lines of the trace; empty when the resolution has none. */
  public static List<String> lines(Resolution resolution, Path projectRoot) {
    Trace trace = resolution.trace();
    List<String> lines = new ArrayList<>();
    if (trace == null) {
      return lines;
    }
    lines.add("Registries, in the order consulted:");
    int position = 1;
    for (Trace.RegistryState registry : trace.registries()) {
      lines.add("  " + position++ + ". " + registry.name() + " (priority " + registry.priority() + "): "
          + registry.state().name().toLowerCase(Locale.ROOT)
          + (registry.problem() == null ? "" : " — " + registry.problem()));
    }
    for (Trace.PluginTrace plugin : trace.plugins()) {
      lines.add("");
      lines.add(plugin.plugin() + " " + plugin.version() + " from " + plugin.winner());
      for (Constraint constraint : plugin.constraints()) {
        lines.add("  constraint: " + constraint.describe());
      }
      for (Trace.Consultation consultation : plugin.consulted()) {
        lines.add("  " + consultation(consultation, plugin.winner()));
      }
      lines.add("  winner: " + plugin.winner() + " (" + plugin.reason().wire() + "): " + plugin.why());
      lines.add("  conflict: " + conflict(plugin.conflict()));
      lines.add("  policy: " + (plugin.policy() == null ? "not evaluated" : plugin.policy().summary()));
      if (plugin.policy() != null) {
        plugin.policy().steps().forEach(step -> lines.add("    " + step));
      }
    }
    return lines;
  }

  private static String consultation(Trace.Consultation c, String winner) {
    String head = (c.registry().equals(winner) ? "* " : "- ") + c.registry() + ": ";
    switch (c.offering()) {
      case OFFERED:
        return head + "offers " + c.version() + ", " + integrity(c.integrity()) + (c.detail() == null ? "" : " (" + c.detail() + ")");
      case NO_MATCHING_RELEASE:
        return head + "no release satisfies the constraints (" + c.detail() + ")";
      case PINNED_ELSEWHERE:
        return head + "offers " + c.version() + " but is not eligible (" + c.detail() + ")";
      case UNAVAILABLE:
        return head + "unavailable" + (c.detail() == null ? "" : ": " + c.detail());
      case NOT_OFFERED:
        return head + "not offered";
      default:
        throw new AssertionError(c.offering());
    }
  }

  private static String conflict(Conflict conflict) {
    if (conflict == null) {
      return "none";
    }
    String kind = conflict.unverifiable() ? "content not provably the same" : "different content";
    String outcome = conflict.isResolved()
        ? "resolved: " + conflict.chosen() + " (" + conflict.how().wire() + ")" : "unresolved";
    return kind + " in " + conflict.sources().size() + " registries; strategy " + conflict.strategy().wire() + ", "
        + outcome;
  }

  private static String integrity(String integrity) {
    return integrity == null ? "integrity unknown" : integrity;
  }
}
