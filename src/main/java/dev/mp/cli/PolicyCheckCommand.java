package dev.mp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "check",
    description =
        "Decide whether a plugin may be installed. Facts not given as flags are taken from resolving it. Exit 0 when allowed, 1 when denied.")
final class PolicyCheckCommand extends PendingCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The plugin.")
  String name;

  @Option(names = "--source", paramLabel = "R", description = "The registry it comes from.")
  String source;

  @Option(names = "--version", paramLabel = "V", description = "Its version.")
  String version;

  @Option(names = "--trust-score", paramLabel = "N", description = "Its trust score.")
  Integer trustScore;

  @Option(names = "--signed", description = "Treat it as signed.")
  boolean signed;

  @Option(names = "--explain", description = "Print every rule tried and why it matched or was skipped.")
  boolean explain;
}
