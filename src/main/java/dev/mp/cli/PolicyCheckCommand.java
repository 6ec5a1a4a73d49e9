package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.capability.Capability;
import dev.mp.io.Json;
import dev.mp.policy.Decision;
import dev.mp.policy.PolicyCheckRequest;
import dev.mp.policy.PolicyCheckResult;
import dev.mp.policy.RuleTrace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "check",
    description =
        "Decide whether a plugin may be installed. With --source the flags are the facts (a what-if); without it the facts come from resolving the plugin, and flags override them. Exit 0 when allowed, 1 when denied.")
final class PolicyCheckCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The plugin.")
  String name;

  @Option(names = "--source", paramLabel = "R", description = "The registry it comes from.")
  String source;

  @Option(names = "--version", paramLabel = "V", description = "Its version.")
  String version;

  @Option(names = "--trust-score", paramLabel = "N", description = "Its trust score.")
  Integer trustScore;

  @Option(names = "--signed", description = "Treat it as signed (a verified signature).")
  boolean signed;

  @Option(names = "--capability", paramLabel = "NAME",
      description = "It has this capability (repeatable): hooks, monitors, mcp-servers, lsp-servers, binaries, commands, agents, skills or network. Replaces what resolution found.")
  java.util.List<String> capabilities;

  @Option(names = "--explain", description = "Print every rule tried and why it matched or was skipped.")
  boolean explain;

  private java.util.List<Capability> capabilities() {
    if (capabilities == null) {
      return null;
    }
    java.util.List<Capability> parsed = new java.util.ArrayList<>();
    for (String text : capabilities) {
      parsed.add(Capability.parse(text).orElseThrow(() -> dev.mp.MpException.usage(
          "unknown capability `" + text + "` for `--capability`", "use one of: " + Capability.choices())));
    }
    return parsed;
  }

  @Override
  protected int execute() {
    PolicyCheckResult result =
        federation().policyCheck(new PolicyCheckRequest(name, source, version, trustScore, signed, capabilities()));
    Decision decision = result.decision();
    Output out = output();
    String origin = PolicyJson.origin(federation(), result.policy());
    if (decision.facts().version() == null
        && decision.trace().stream().anyMatch(t -> t.outcome() == RuleTrace.Outcome.VERSIONS)) {
      out.warn("the version is unknown, so rules with a `versions` filter did not match; pass `--version V`");
    }
    if (out.json()) {
      ObjectNode document = Json.object();
      document.put("plugin", decision.facts().name());
      document.put("policy", origin);
      ObjectNode facts = PolicyJson.facts(decision.facts());
      facts.put("from", result.resolved() ? "resolution" : "flags");
      document.set("facts", facts);
      out.json(PolicyJson.decision(document, decision, true));
    } else {
      if (result.policy().isBuiltInDefault()) {
        out.status("Using the built-in default policy (no `.claude/policies/plugins.yaml`)");
      }
      out.line(decision.verdict() + ": " + decision.facts().describe());
      out.line("  " + PolicyText.verdict(decision));
      if (explain || out.verbose()) {
        out.line("facts (" + (result.resolved() ? "from resolution" : "from the flags") + "): " + PolicyText.facts(decision));
        if (decision.facts().capabilities() != null) {
          out.line("capabilities: " + decision.facts().capabilities().describe());
        }
        out.line("policy: " + origin);
        PolicyText.trace(decision, "  ").forEach(out::line);
      }
    }
    return decision.allowed() ? 0 : 1;
  }
}
