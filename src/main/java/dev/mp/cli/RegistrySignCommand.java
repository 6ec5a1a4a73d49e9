package dev.mp.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sign", description = "Sign a registry index and its entries; writes INDEX.sig beside it.")
final class RegistrySignCommand extends PendingCommand {
  @Parameters(index = "0", paramLabel = "INDEX", description = "The registry index JSON file.")
  Path index;

  @Option(names = "--key", paramLabel = "FILE", required = true, description = "The private key file.")
  Path key;
}
