package dev.mp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "enforce",
    description =
        "Audit the installed plugins against the policy: violations, unmet requirements, compliant plugins. Exit 1 when anything is wrong.")
final class PolicyEnforceCommand extends PendingCommand {
  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text, json or sarif (SARIF 2.1.0 for code scanning; default: ${DEFAULT-VALUE}).")
  String format;
}
