package dev.mp.cli;

import picocli.CommandLine.Command;

@Command(
    name = "check",
    description = "Verify installed plugins against the lockfile; exit 1 on any drift.")
final class LockCheckCommand extends PendingCommand {}
