package dev.mp.resolve;

import dev.mp.audit.AuditLog;
import dev.mp.io.CanonicalJson;
import dev.mp.io.SafeUrl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes conflicts to the audit trail, one {@code conflict} event each: plugin, sources (registry,
 * version, integrity, where the package is — credentials redacted), whether the difference is
 * unverifiable, the strategy, the outcome (the registry used, or {@code error}) and how it was chosen.
 * The events are written as text directly: a resolution of thousands of plugins can have thousands
 * of conflicts.
 */
final class ConflictAudit {
  static final String EVENT = "conflict";

  private ConflictAudit() {}

  static void append(AuditLog log, List<Conflict> conflicts, Path projectRoot) {
    if (conflicts.isEmpty()) {
      return;
    }
    List<String> events = new ArrayList<>(conflicts.size());
    StringBuilder event = new StringBuilder(512);
    for (Conflict conflict : conflicts) {
      event.setLength(0);
      members(conflict, projectRoot, event);
      events.add(event.toString());
    }
    log.appendAllRendered(EVENT, events);
  }

  /** The event's members, each after a comma, in the order of the trail's lines. */
  static void members(Conflict conflict, Path projectRoot, StringBuilder out) {
    out.append(",\"plugin\":");
    string(conflict.plugin(), out);
    out.append(",\"sources\":[");
    boolean first = true;
    for (Offer source : conflict.sources()) {
      out.append(first ? "{\"registry\":" : ",{\"registry\":");
      first = false;
      string(source.registry(), out);
      out.append(",\"version\":");
      string(source.version(), out);
      out.append(",\"integrity\":");
      string(source.integrity(), out);
      out.append(",\"resolved\":");
      string(SafeUrl.redact(source.source().resolved(projectRoot)), out);
      out.append('}');
    }
    out.append("],\"unverifiable\":").append(conflict.unverifiable());
    out.append(",\"strategy\":");
    string(conflict.strategy().wire(), out);
    out.append(",\"outcome\":");
    string(conflict.isResolved() ? conflict.chosen() : "error", out);
    out.append(",\"how\":");
    string(conflict.how() == null ? null : conflict.how().wire(), out);
  }

  /** A JSON string, or {@code null} (what a tree's {@code put(key, (String) null)} gives). */
  private static void string(String text, StringBuilder out) {
    if (text == null) {
      out.append("null");
    } else {
      CanonicalJson.appendQuoted(text, out);
    }
  }
}
