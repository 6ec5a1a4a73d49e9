package dev.mp.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "diff",
    description = "Show lockfile changes as Markdown for a pull request (default: against git HEAD).")
final class LockDiffCommand extends PendingCommand {
  @Option(names = "--against", paramLabel = "FILE", description = "Compare with this lockfile.")
  Path against;

  @Option(names = "--git", paramLabel = "REV", description = "Compare with the lockfile at this git revision.")
  String git;
}
