package dev.mp.cli;

import picocli.CommandLine.Command;

@Command(
    name = "install",
    description = "Install exactly the lockfile, verifying every package; all or nothing (like `npm ci`).")
final class LockInstallCommand extends PendingCommand {}
