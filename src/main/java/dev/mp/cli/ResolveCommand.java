package dev.mp.cli;

import dev.mp.ResolveResult;
import dev.mp.io.Json;
import dev.mp.policy.Decision;
import dev.mp.resolve.Conflict;
import dev.mp.resolve.ExplainText;
import dev.mp.resolve.Offer;
import dev.mp.resolve.Resolution;
import dev.mp.resolve.ResolutionJson;
import dev.mp.resolve.ResolvedPlugin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "resolve",
    description = "Show which registry wins for each plugin (and its dependencies), conflicts, and the policy decision. Exit 1 when the policy denies a resolved plugin.")
final class ResolveCommand extends BaseCommand {
  @Parameters(paramLabel = "NAME[@RANGE]", arity = "1..*", parameterConsumer = NameList.class,
      description = "Plugins, optionally with an npm-style range.")
  List<String> plugins = new ArrayList<>();

  @Option(names = "--explain", description = "Print the trace: registries consulted, what each offered, why the winner won, conflicts, policy.")
  boolean explain;

  @Option(names = "--prefer", paramLabel = "NAME=REGISTRY", description = "Take NAME from REGISTRY when registries conflict (repeatable).")
  List<String> prefer = new ArrayList<>();

  @Override
  protected int execute() {
    ResolveResult result = federation().resolve(plugins, prefer, explain);
    Resolution resolution = result.resolution();
    Output out = output();
    Path root = federation().context().projectDir();
    out.warnAll(resolution.warnings());
    int exit = result.allAllowed() ? 0 : 1;
    if (out.json()) {
      out.jsonObject(document -> ResolutionJson.write(resolution, root, (plugin, members) -> {
        Decision decision = result.decisions().get(plugin.name());
        members.name("policy").node(PolicyJson.decision(Json.object(), decision, false));
        if (explain) {
          members.name("capabilities").node(decision.facts().capabilities() == null ? null
              : decision.facts().capabilities().toJson());
        }
      }, document));
      return exit;
    }
    Table table = new Table("NAME", "VERSION", "REGISTRY", "SIGNED", "TRUST", "POLICY", "ALSO IN");
    for (ResolvedPlugin plugin : resolution.plugins()) {
      Decision decision = result.decisions().get(plugin.name());
      table.row(plugin.name(), plugin.version(), plugin.registry(), plugin.signature().wire(),
          plugin.trustScore() == null ? "-" : plugin.trustScore().toString(),
          decision.verdict() + " (" + decision.decidedBy() + ")",
          alternatives(plugin));
    }
    out.lines(table.render());
    List<String> conflicts = new ArrayList<>(resolution.conflicts().size());
    for (Conflict conflict : resolution.conflicts()) {
      conflicts.add(conflict.summary());
    }
    out.warnAll(conflicts);
    List<String> denied = new ArrayList<>();
    for (Decision d : result.decisions().values()) {
      if (!d.allowed()) {
        denied.add("denied: " + d.facts().describe() + ": " + d.decidedBy() + ": " + d.reason());
      }
    }
    out.statuses(denied);
    if (explain) {
      out.line("");
      ExplainText.lines(resolution, root).forEach(out::line);
      out.line("");
      out.line("Capabilities, as known before fetching (the files of every package are read again at install):");
      for (ResolvedPlugin plugin : resolution.plugins()) {
        var capabilities = result.decisions().get(plugin.name()).facts().capabilities();
        out.line("  " + plugin.name() + ": " + (capabilities == null
            ? "unknown until its files are fetched (its registry declares nothing)" : capabilities.describe()));
      }
    }
    return exit;
  }

  /** The other registries offering the plugin, {@code -} when none. */
  private static String alternatives(ResolvedPlugin plugin) {
    if (plugin.alternatives().isEmpty()) {
      return "-";
    }
    StringBuilder names = new StringBuilder();
    for (Offer offer : plugin.alternatives()) {
      if (names.length() > 0) {
        names.append(", ");
      }
      names.append(offer.registry());
    }
    return names.toString();
  }
}
