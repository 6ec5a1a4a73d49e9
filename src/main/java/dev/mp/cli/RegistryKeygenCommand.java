package dev.mp.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "keygen",
    description = "Write a new Ed25519 key pair: FILE (private, owner-readable only) and FILE.pub.")
final class RegistryKeygenCommand extends PendingCommand {
  @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the private key.")
  Path file;
}
