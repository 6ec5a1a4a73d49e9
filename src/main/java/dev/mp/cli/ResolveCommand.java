package dev.mp.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "resolve",
    description = "Show which registry wins for each plugin, conflicts, and the policy decision.")
final class ResolveCommand extends PendingCommand {
  @Parameters(paramLabel = "NAME[@RANGE]", arity = "1..*", description = "Plugins, optionally with an npm-style range.")
  List<String> plugins = new ArrayList<>();

  @Option(names = "--explain", description = "Print the trace: registries consulted, what each offered, why the winner won.")
  boolean explain;

  @Option(names = "--prefer", paramLabel = "NAME=REGISTRY", description = "Take NAME from REGISTRY when registries conflict (repeatable).")
  List<String> prefer = new ArrayList<>();
}
