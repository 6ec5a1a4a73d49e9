package dev.mp.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.Version;
import dev.mp.config.ProjectLayout;
import dev.mp.content.HiddenTextFinding;
import dev.mp.io.Json;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes an {@link EnforceReport} as SARIF 2.1.0, so GitHub code scanning shows each violation on the
 * line of {@code plugin-lock.json} that locks the plugin. One reporting rule per policy rule, one per
 * fallback that can deny, and one each for unlocked plugins, unmet requirements and locked plugins that
 * are not installed (a note). Unmet requirements point at the {@code require} rule in the project's
 * policy file. Keys are written in a fixed order and nothing depends on time: the same report gives the
 * same bytes. Stateless and thread-safe.
 */
public final class EnforceSarif {
  /** The SARIF 2.1.0 schema. */
  public static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json";
  /** Where to read about mp; the project's documentation of policy enforcement. */
  public static final String INFORMATION_URI = "https://github.com/mp-dev/mp/blob/main/docs/policy.md";

  static final String UNLOCKED = "unlocked-plugin";
  static final String UNMET = "unmet-requirement";
  static final String NOT_INSTALLED = "not-installed";
  static final String HIDDEN_TEXT = "hidden-unicode";

  private EnforceSarif() {}

  /** The SARIF log of {@code report}. */
  public static ObjectNode of(EnforceReport report) {
    ObjectNode log = Json.object();
    log.put("$schema", SCHEMA);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "mp");
    driver.put("version", Version.current());
    driver.put("informationUri", INFORMATION_URI);
    Map<String, Integer> index = new LinkedHashMap<>();
    ArrayNode rules = driver.putArray("rules");
    for (Rule rule : report.policy().allRules()) {
      descriptor(rules, index, ruleId(rule), "policy rule " + rule.number() + ": " + rule.describe(),
          rule.reason() == null ? rule.describe() : rule.reason(), rule.action() == Action.DENY ? "error" : "none");
    }
    descriptor(rules, index, "mode-enforce", "No rule allows a plugin from an `enforce` registry",
        "The registry's mode is enforce: the policy must allow its plugins explicitly.", "error");
    descriptor(rules, index, "mode-allow-listed", "No rule allows a plugin from an `allow-listed` registry",
        "The registry is allow-listed: an allow rule must name the plugin exactly or carry `source:` of the registry.",
        "error");
    descriptor(rules, index, "unknown-registry", "No rule allows a plugin whose registry is unknown or not configured",
        "Without a configured registry no mode can allow the plugin.", "error");
    descriptor(rules, index, UNLOCKED, "A plugin is installed but not locked",
        "The plugin's folder is in the install folder but plugin-lock.json does not list it, so its registry,"
            + " version and signature cannot be checked. Install plugins with `mp install`.", "error");
    descriptor(rules, index, UNMET, "A required plugin is not installed",
        "A `require` rule's pattern matches no locked plugin that the policy allows.", "error");
    descriptor(rules, index, NOT_INSTALLED, "A locked plugin is not installed",
        "The lockfile lists the plugin but its folder is missing; run `mp lock install`.", "note");
    descriptor(rules, index, HIDDEN_TEXT, "An installed plugin's files hide text",
        "Unicode tag characters, bidirectional controls, runs of zero-width characters, or a name mixing"
            + " look-alike scripts: text a reviewer does not see but a model reads. A `deny` rule with"
            + " `content: hidden-unicode` blocks such plugins.", "warning");

    ArrayNode results = run.putArray("results");
    for (AuditedPlugin plugin : report.violations()) {
      Decision decision = plugin.decision();
      if (plugin.presence() == AuditedPlugin.Presence.UNLOCKED) {
        result(results, index, UNLOCKED, "error", "`" + plugin.name() + "` is installed in `" + report.installDir()
            + "` but not locked in `" + ProjectLayout.LOCKFILE + "`; the policy says " + decision.verdict() + " ("
            + decision.decidedBy() + ": " + decision.reason() + ")", ProjectLayout.LOCKFILE, report.pluginsLine());
      } else {
        String id = decision.rule() != null ? ruleId(decision.rule()) : decision.fallback().id();
        result(results, index, id, "error", decision.facts().describe() + " is denied by " + decision.decidedBy()
            + ": " + decision.reason(), ProjectLayout.LOCKFILE, plugin.lockfileLine());
      }
    }
    for (UnmetRequirement requirement : report.unmet()) {
      boolean inPolicy = !report.policy().isBuiltInDefault();
      // An inherited requirement points at the `extends` entry that brought it in.
      int line = requirement.rule().inherited() ? requirement.rule().origin().line() : requirement.rule().line();
      result(results, index, UNMET, "error", requirement.describe()
              + (requirement.rule().reason() == null ? "" : ": " + requirement.rule().reason()),
          inPolicy ? ProjectLayout.POLICY_FILE : ProjectLayout.LOCKFILE, inPolicy ? line : 1);
    }
    for (AuditedPlugin plugin : report.plugins()) {
      List<HiddenTextFinding> findings = plugin.decision().facts().hiddenText();
      for (HiddenTextFinding finding : findings == null ? List.<HiddenTextFinding>of() : findings) {
        String uri = report.installDir() + "/" + plugin.name() + (finding.path().isEmpty() ? "" : "/" + finding.path());
        ObjectNode node = result(results, index, HIDDEN_TEXT, "warning", "`" + plugin.name() + "`: "
            + finding.kind().title() + ": " + finding.detail(), uri, finding.line());
        if (finding.line() > 0) {
          ((ObjectNode) node.path("locations").get(0).path("physicalLocation").path("region"))
              .put("startColumn", finding.column());
        }
      }
    }
    for (AuditedPlugin plugin : report.notInstalled()) {
      result(results, index, NOT_INSTALLED, "note", plugin.decision().facts().describe() + " is locked but not installed in `"
          + report.installDir() + "`; run `mp lock install`", ProjectLayout.LOCKFILE, plugin.lockfileLine());
    }
    return log;
  }

  /**
   * A relative path as an RFC 3986 URI reference, as SARIF requires: each byte of a character outside
   * the unreserved set (and {@code /}) percent-encoded in UTF-8, so a file named with Cyrillic letters
   * or spaces still has a valid location.
   */
  static String uriReference(String path) {
    StringBuilder out = new StringBuilder();
    for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format(java.util.Locale.ROOT, "%02X", c));
      }
    }
    return out.toString();
  }

  /** {@code rule-3} for the project's rule 3, {@code extends-1-rule-3} for rule 3 of the first inherited policy. */
  static String ruleId(Rule rule) {
    return (rule.inherited() ? "extends-" + rule.origin().index() + "-" : "") + "rule-" + rule.number();
  }

  private static void descriptor(
      ArrayNode rules, Map<String, Integer> index, String id, String shortText, String fullText, String level) {
    index.put(id, rules.size());
    ObjectNode node = rules.addObject();
    node.put("id", id);
    node.putObject("shortDescription").put("text", shortText);
    node.putObject("fullDescription").put("text", fullText);
    node.putObject("defaultConfiguration").put("level", level);
  }

  private static ObjectNode result(
      ArrayNode results, Map<String, Integer> index, String id, String level, String message, String uri, int line) {
    ObjectNode node = results.addObject();
    node.put("ruleId", id);
    node.put("ruleIndex", index.get(id));
    node.put("level", level);
    node.putObject("message").put("text", message);
    ObjectNode physical = node.putArray("locations").addObject().putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", uriReference(uri));
    physical.putObject("region").put("startLine", Math.max(1, line));
    return node;
  }
}
