package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.MpException;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import dev.mp.policy.AuditedPlugin;
import dev.mp.policy.EnforceReport;
import dev.mp.policy.EnforceSarif;
import dev.mp.policy.UnmetRequirement;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "enforce",
    description =
        "Audit the installed plugins against the policy: violations, unmet requirements, compliant plugins. Exit 1 when anything is wrong.")
final class PolicyEnforceCommand extends BaseCommand {
  @Option(names = "--format", paramLabel = "FORMAT",
      description = "text, json or sarif (SARIF 2.1.0 for code scanning; default: text, or json with --json).")
  String format;

  @Override
  protected int execute() {
    String chosen = format();
    EnforceReport report = federation().policyEnforce();
    Output out = output();
    if (chosen.equals("sarif")) {
      out.line(CanonicalJson.toString(EnforceSarif.of(report), false).stripTrailing());
    } else if (chosen.equals("json")) {
      out.json(json(report));
    } else {
      text(report, out);
    }
    return report.ok() ? 0 : 1;
  }

  private String format() {
    if (format == null) {
      return globals().json ? "json" : "text";
    }
    if (!format.equals("text") && !format.equals("json") && !format.equals("sarif")) {
      throw MpException.usage("unknown format `" + format + "` for `mp policy enforce`", "use one of: text, json, sarif");
    }
    if (globals().json && format.equals("text")) {
      throw MpException.usage("`--json` and `--format text` contradict each other", "drop one of them");
    }
    return format;
  }

  private ObjectNode json(EnforceReport report) {
    ObjectNode document = Json.object();
    document.put("policy", PolicyJson.origin(federation(), report.policy()));
    document.put("lockfile", report.lockfile());
    document.put("installDir", report.installDir());
    document.put("ok", report.ok());
    ArrayNode violations = document.putArray("violations");
    report.violations().forEach(p -> violations.add(PolicyJson.audited(p, output().verbose())));
    ArrayNode unmet = document.putArray("unmetRequirements");
    for (UnmetRequirement requirement : report.unmet()) {
      ObjectNode node = unmet.addObject();
      node.put("rule", requirement.rule().number());
      node.put("line", requirement.rule().line());
      if (requirement.rule().inherited()) {
        node.put("inheritedFrom", requirement.rule().origin().location());
      }
      node.put("pattern", requirement.pattern().pattern());
      node.put("reason", requirement.rule().reason());
      ArrayNode notCompliant = node.putArray("notCompliant");
      requirement.notCompliant().forEach(notCompliant::add);
    }
    ArrayNode compliant = document.putArray("compliant");
    report.compliant().forEach(p -> compliant.add(PolicyJson.audited(p, output().verbose())));
    return document;
  }

  private void text(EnforceReport report, Output out) {
    if (report.policy().isBuiltInDefault()) {
      out.status("Using the built-in default policy (no `.claude/policies/plugins.yaml`)");
    }
    if (report.nothingToAudit()) {
      out.status("No plugins to audit: no `plugin-lock.json` and no plugin in `" + report.installDir() + "`");
    }
    section(out, "Violations:", report, report.violations());
    if (!report.unmet().isEmpty()) {
      out.line("Unmet requirements:");
      report.unmet().forEach(r -> out.line("  " + r.describe() + (r.rule().reason() == null ? "" : ": " + r.rule().reason())));
    }
    section(out, "Compliant:", report, report.compliant());
    List<String> hidden = hiddenText(report);
    if (!hidden.isEmpty()) {
      out.line("Hidden text (a `deny` rule with `content: hidden-unicode` blocks it):");
      hidden.forEach(out::line);
    }
    out.line(summary(report));
  }

  /** One line per finding: {@code   `plugin`: path:line:column: kind: detail}. */
  private static List<String> hiddenText(EnforceReport report) {
    List<String> lines = new java.util.ArrayList<>();
    for (AuditedPlugin plugin : report.plugins()) {
      var findings = plugin.decision().facts().hiddenText();
      if (findings != null) {
        findings.forEach(f -> lines.add("  `" + plugin.name() + "`: " + f.describe()));
      }
    }
    return lines;
  }

  private static void section(Output out, String title, EnforceReport report, List<AuditedPlugin> plugins) {
    if (plugins.isEmpty()) {
      return;
    }
    out.line(title);
    for (AuditedPlugin plugin : plugins) {
      String where = switch (plugin.presence()) {
        case UNLOCKED -> "; installed in `" + report.installDir() + "` but not locked";
        case NOT_INSTALLED -> "; locked but not installed (run `mp lock install`)";
        case INSTALLED -> "";
      };
      out.line("  " + plugin.decision().facts().describe() + ": " + PolicyText.verdict(plugin.decision()) + where);
      if (out.verbose()) {
        PolicyText.trace(plugin.decision(), "      ").forEach(out::line);
      }
    }
  }

  private static String summary(EnforceReport report) {
    int violations = report.violations().size();
    int unmet = report.unmet().size();
    String counts = violations + " violation" + (violations == 1 ? "" : "s") + ", " + unmet + " unmet requirement"
        + (unmet == 1 ? "" : "s") + ", " + report.compliant().size() + " compliant";
    long findings = report.plugins().stream().map(p -> p.decision().facts().hiddenText())
        .filter(java.util.Objects::nonNull).mapToLong(List::size).sum();
    if (findings > 0) {
      counts += ", " + findings + " hidden-text finding" + (findings == 1 ? "" : "s");
    }
    return (report.ok() ? "ok: " : "policy not met: ") + counts;
  }
}
