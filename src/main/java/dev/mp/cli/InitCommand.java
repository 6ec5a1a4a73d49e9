package dev.mp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", description = "Write .claude/registries.json and .claude/policies/plugins.yaml from the defaults.")
final class InitCommand extends PendingCommand {
  @Option(names = "--force", description = "Overwrite existing files.")
  boolean force;
}
