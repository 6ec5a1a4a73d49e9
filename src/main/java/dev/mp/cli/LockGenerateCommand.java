package dev.mp.cli;

import picocli.CommandLine.Command;

@Command(name = "generate", description = "Write plugin-lock.json from the installed plugins and `requested`.")
final class LockGenerateCommand extends PendingCommand {}
