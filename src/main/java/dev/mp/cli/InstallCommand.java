package dev.mp.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "install",
    description =
        "Resolve, check policy, fetch, verify and install plugins, then update the lockfile. Without names, install what the lockfile's `requested` asks for.")
final class InstallCommand extends PendingCommand {
  @Parameters(paramLabel = "NAME[@RANGE]", arity = "0..*", description = "Plugins to install.")
  List<String> plugins = new ArrayList<>();

  @Option(names = "--prefer", paramLabel = "NAME=REGISTRY", description = "Take NAME from REGISTRY when registries conflict (repeatable).")
  List<String> prefer = new ArrayList<>();
}
