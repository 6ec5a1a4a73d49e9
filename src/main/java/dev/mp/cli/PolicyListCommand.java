package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.config.RegistrySpec;
import dev.mp.io.Json;
import dev.mp.policy.InheritedPolicy;
import dev.mp.policy.ModeFallback;
import dev.mp.policy.PolicyListing;
import dev.mp.policy.Rule;
import picocli.CommandLine.Command;

@Command(name = "list", description = "Show the policy rules, numbered, in evaluation order.")
final class PolicyListCommand extends BaseCommand {
  @Override
  protected int execute() {
    PolicyListing listing = federation().policyList();
    Output out = output();
    String origin = PolicyJson.origin(federation(), listing.policy());
    if (out.json()) {
      ObjectNode document = Json.object();
      document.put("policy", origin);
      ArrayNode inherited = document.putArray("extends");
      listing.policy().inherited().forEach(policy -> {
        ObjectNode node = inherited.addObject();
        node.put("location", policy.origin().location());
        node.put("signed", policy.signed());
      });
      ArrayNode rules = document.putArray("rules");
      listing.policy().allRules().forEach(rule -> rules.add(PolicyJson.rule(rule)));
      ArrayNode registries = document.putArray("registries");
      for (RegistrySpec spec : listing.registries()) {
        ObjectNode node = registries.addObject();
        node.put("name", spec.name());
        node.put("priority", spec.priority());
        node.put("mode", spec.policy().wire());
        node.put("enabled", spec.enabled());
      }
      out.json(document);
      return 0;
    }
    out.status(listing.policy().isBuiltInDefault()
        ? "Using the built-in default policy (no `.claude/policies/plugins.yaml`)"
        : "Policy: `" + origin + "`");
    for (InheritedPolicy inherited : listing.policy().inherited()) {
      out.line("Inherited from `" + inherited.origin().location() + "`" + (inherited.signed() ? " (signed)" : "")
          + ": its denies cannot be loosened (inheritance only tightens)");
      rules(inherited.rules(), out);
    }
    if (listing.policy().rules().isEmpty()) {
      out.status("No rules: the registry modes decide every plugin");
    } else {
      if (!listing.policy().inherited().isEmpty()) {
        out.line("The project's rules:");
      }
      rules(listing.policy().rules(), out);
    }
    Table modes = new Table("REGISTRY", "PRIORITY", "MODE", "WHEN NO RULE MATCHES");
    for (RegistrySpec spec : listing.registries()) {
      ModeFallback fallback = new ModeFallback(spec.name(), spec.policy());
      modes.row(spec.name() + (spec.enabled() ? "" : " (disabled)"), Integer.toString(spec.priority()),
          spec.policy().wire(), (fallback.allows() ? "allowed" : "denied") + whenAllowListed(spec));
    }
    if (modes.isEmpty()) {
      out.status("No registries configured; add one with `mp registry add NAME URL`");
    } else {
      modes.render().forEach(out::line);
    }
    return 0;
  }

  private static void rules(java.util.List<Rule> list, Output out) {
    if (list.isEmpty()) {
      out.line("  (no rules)");
      out.line("");
      return;
    }
    Table rules = new Table("#", "ACTION", "PLUGINS", "SOURCE", "VERSIONS", "UNLESS", "REASON");
    for (Rule rule : list) {
      rules.row(Integer.toString(rule.number()), rule.action().wire(), rule.patternsText() + conditions(rule),
          orDash(rule.source()), rule.versions() == null ? "-" : rule.versions().text(),
          rule.unless() == null ? "-" : rule.unless().text(), orDash(rule.reason()));
    }
    rules.render().forEach(out::line);
    out.line("");
  }

  /** {@code  (with hooks or mcp-servers)}, {@code  (with hidden-unicode content)}, or nothing. */
  private static String conditions(Rule rule) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    if (rule.capabilities() != null) {
      parts.add(String.join(" or ", rule.capabilities().stream().map(c -> c.wire()).toList()));
    }
    if (rule.content() != null) {
      parts.add(rule.content().wire() + " content");
    }
    return parts.isEmpty() ? "" : " (with " + String.join(", ", parts) + ")";
  }

  private static String whenAllowListed(RegistrySpec spec) {
    return spec.policy() == dev.mp.config.PolicyMode.ALLOW_LISTED
        ? "; allow rules count only when they name the plugin exactly or carry `source: " + spec.name() + "`"
        : "";
  }

  private static String orDash(String text) {
    return text == null ? "-" : text;
  }
}
