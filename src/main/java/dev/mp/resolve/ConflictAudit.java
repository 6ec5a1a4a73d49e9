package dev.mp.resolve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.audit.AuditLog;
import dev.mp.io.Json;
import dev.mp.io.SafeUrl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes conflicts to the audit trail, one {@code conflict} event each: plugin, sources (registry,
 * version, integrity, where the package is — credentials redacted), whether the difference is
 * unverifiable, the strategy, the outcome (the registry used, or {@code error}) and how it was chosen.
 */
final class ConflictAudit {
  static final String EVENT = "conflict";

  private ConflictAudit() {}

  static void append(AuditLog log, List<Conflict> conflicts, Path projectRoot) {
    if (conflicts.isEmpty()) {
      return;
    }
    List<ObjectNode> events = new ArrayList<>(conflicts.size());
    for (Conflict conflict : conflicts) {
      events.add(event(conflict, projectRoot));
    }
    log.appendAll(EVENT, events);
  }

  static ObjectNode event(Conflict conflict, Path projectRoot) {
    ObjectNode event = Json.object();
    event.put("plugin", conflict.plugin());
    ArrayNode sources = event.putArray("sources");
    for (Offer source : conflict.sources()) {
      ObjectNode entry = sources.addObject();
      entry.put("registry", source.registry());
      entry.put("version", source.version());
      entry.put("integrity", source.integrity());
      entry.put("resolved", SafeUrl.redact(source.source().resolved(projectRoot)));
    }
    event.put("unverifiable", conflict.unverifiable());
    event.put("strategy", conflict.strategy().wire());
    event.put("outcome", conflict.isResolved() ? conflict.chosen() : "error");
    event.put("how", conflict.how() == null ? null : conflict.how().wire());
    return event;
  }
}
