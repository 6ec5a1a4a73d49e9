package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.Federation;
import dev.mp.io.Glob;
import dev.mp.io.Json;
import dev.mp.policy.AuditedPlugin;
import dev.mp.policy.Decision;
import dev.mp.policy.PluginFacts;
import dev.mp.policy.Policy;
import dev.mp.policy.Rule;
import dev.mp.policy.RuleTrace;

/** How policies, rules and decisions look in JSON output; keys in a fixed order. */
final class PolicyJson {
  private PolicyJson() {}

  /** Where the policy came from, as shown: the project file, or {@code built-in default}. */
  static String origin(Federation federation, Policy policy) {
    return policy.isBuiltInDefault() ? "built-in default" : federation.layout().display(policy.file());
  }

  static ObjectNode rule(Rule rule) {
    ObjectNode node = Json.object();
    node.put("number", rule.number());
    node.put("line", rule.line());
    node.put("action", rule.action().wire());
    ArrayNode plugins = node.putArray("plugins");
    rule.plugins().stream().map(Glob::pattern).forEach(plugins::add);
    node.put("source", rule.source());
    node.put("versions", rule.versions() == null ? null : rule.versions().text());
    if (rule.unless() == null) {
      node.putNull("unless");
    } else {
      ObjectNode unless = node.putObject("unless");
      unless.put("trust_score", rule.unless().trustScore() == null ? null : rule.unless().trustScore().text());
      if (rule.unless().signed() == null) {
        unless.putNull("signed");
      } else {
        unless.put("signed", rule.unless().signed());
      }
    }
    node.put("reason", rule.reason());
    if (rule.capabilities() != null) {
      ArrayNode capabilities = node.putArray("capabilities");
      rule.capabilities().forEach(c -> capabilities.add(c.wire()));
    }
    if (rule.content() != null) {
      node.put("content", rule.content().wire());
    }
    if (rule.inherited()) {
      node.put("inheritedFrom", rule.origin().location());
    }
    return node;
  }

  static ObjectNode facts(PluginFacts facts) {
    ObjectNode node = Json.object();
    node.put("name", facts.name());
    node.put("version", facts.version());
    node.put("source", facts.source());
    if (facts.trustScore() == null) {
      node.putNull("trustScore");
    } else {
      node.put("trustScore", facts.trustScore());
    }
    node.put("signature", facts.signature().wire());
    if (facts.capabilities() != null) {
      node.set("capabilities", facts.capabilities().toJson());
    }
    if (facts.hiddenText() != null) {
      ArrayNode hidden = node.putArray("hiddenText");
      facts.hiddenText().forEach(f -> hidden.add(hiddenText(f)));
    }
    return node;
  }

  static ObjectNode hiddenText(dev.mp.content.HiddenTextFinding finding) {
    ObjectNode node = Json.object();
    node.put("path", finding.path());
    node.put("line", finding.line());
    node.put("column", finding.column());
    node.put("kind", finding.kind().wire());
    node.put("detail", finding.detail());
    return node;
  }

  /**
   * The decision's members, added to {@code node}: verdict, deciding rule or mode, reason, and the
   * trace when {@code withTrace}.
   */
  static ObjectNode decision(ObjectNode node, Decision decision, boolean withTrace) {
    node.put("decision", decision.verdict());
    node.put("required", decision instanceof Decision.Allowed allowed && allowed.required());
    if (decision.rule() == null) {
      node.putNull("rule");
      ObjectNode fallback = node.putObject("fallback");
      fallback.put("registry", decision.fallback().registry());
      fallback.put("mode", decision.fallback().mode() == null ? null : decision.fallback().mode().wire());
    } else {
      ObjectNode rule = node.putObject("rule");
      rule.put("number", decision.rule().number());
      rule.put("action", decision.rule().action().wire());
      rule.put("line", decision.rule().line());
      if (decision.rule().inherited()) {
        rule.put("inheritedFrom", decision.rule().origin().location());
      }
      node.putNull("fallback");
    }
    node.put("reason", decision.reason());
    if (!withTrace) {
      return node;
    }
    ArrayNode trace = node.putArray("trace");
    for (RuleTrace tried : decision.trace()) {
      ObjectNode step = trace.addObject();
      step.put("rule", tried.rule().number());
      if (tried.rule().inherited()) {
        step.put("inheritedFrom", tried.rule().origin().location());
      }
      step.put("action", tried.rule().action().wire());
      step.put("result", tried.outcome().wire());
      step.put("detail", tried.detail());
    }
    node.put("untried", decision.untried());
    return node;
  }

  static ObjectNode audited(AuditedPlugin plugin, boolean withTrace) {
    ObjectNode node = Json.object();
    node.put("name", plugin.name());
    node.put("presence", plugin.presence().wire());
    if (plugin.lockfileLine() == 0) {
      node.putNull("lockfileLine");
    } else {
      node.put("lockfileLine", plugin.lockfileLine());
    }
    node.set("facts", facts(plugin.decision().facts()));
    return decision(node, plugin.decision(), withTrace);
  }
}
