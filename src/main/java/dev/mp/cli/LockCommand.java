package dev.mp.cli;

import picocli.CommandLine.Command;

@Command(
    name = "lock",
    description = "Work with the lockfile (plugin-lock.json).")
final class LockCommand extends GroupCommand {}
