package dev.mp.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "uninstall", description = "Remove plugins and the dependencies nothing else needs; update the lockfile.")
final class UninstallCommand extends PendingCommand {
  @Parameters(paramLabel = "NAME", arity = "1..*", description = "Plugins to remove.")
  List<String> plugins = new ArrayList<>();
}
