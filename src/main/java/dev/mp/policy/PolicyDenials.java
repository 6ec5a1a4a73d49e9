package dev.mp.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.MpException;
import dev.mp.audit.AuditLog;
import dev.mp.io.Json;

/**
 * Records policy denials in the audit trail ({@code .claude/federation-audit.jsonl}) as {@code
 * policy-denied} events: plugin, version, source, the deciding rule (or the registry mode) and the
 * reason. Stateless and thread-safe.
 */
public final class PolicyDenials {
  /** The event name in the audit trail. */
  public static final String EVENT = "policy-denied";

  private PolicyDenials() {}

  /** The event's fields, in a fixed order; absent facts are {@code null}. */
  public static ObjectNode event(Decision.Denied denied) {
    PluginFacts facts = denied.facts();
    ObjectNode event = Json.object();
    event.put("plugin", facts.name());
    event.put("version", facts.version());
    event.put("source", facts.source());
    if (denied.rule() == null) {
      event.putNull("rule");
      event.put("mode", denied.fallback().mode() == null ? null : denied.fallback().mode().wire());
    } else {
      event.put("rule", denied.rule().number());
      if (denied.rule().inherited()) {
        event.put("inheritedFrom", denied.rule().origin().location());
      }
      event.putNull("mode");
    }
    event.put("reason", denied.reason());
    return event;
  }

  /**
   * Appends {@code denied} to {@code log}.
   *
   * @throws MpException {@code IO_ERROR} when the trail cannot be written
   */
  public static void record(AuditLog log, Decision.Denied denied) {
    log.append(EVENT, event(denied));
  }
}
