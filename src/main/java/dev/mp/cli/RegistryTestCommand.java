package dev.mp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "test", description = "Check that a registry is reachable, authenticates and parses; report timing.")
final class RegistryTestCommand extends PendingCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The registry to test.")
  String name;
}
