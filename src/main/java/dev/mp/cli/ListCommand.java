package dev.mp.cli;

import picocli.CommandLine.Command;

@Command(name = "list", description = "Show installed plugins, their version and source, and whether each matches the lockfile.")
final class ListCommand extends PendingCommand {}
