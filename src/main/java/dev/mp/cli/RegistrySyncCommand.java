package dev.mp.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "sync",
    description = "Fetch registry indexes now (ignoring the cache TTL), all in parallel, and report each.")
final class RegistrySyncCommand extends PendingCommand {
  @Parameters(paramLabel = "NAME", arity = "0..*", description = "Registries to sync (default: all enabled).")
  List<String> names = new ArrayList<>();
}
