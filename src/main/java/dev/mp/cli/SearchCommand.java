package dev.mp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "search",
    description = "Find plugins by name or description across all registries (glob or substring).")
final class SearchCommand extends PendingCommand {
  @Parameters(index = "0", paramLabel = "PATTERN", description = "A glob (*, ?) or a substring.")
  String pattern;
}
