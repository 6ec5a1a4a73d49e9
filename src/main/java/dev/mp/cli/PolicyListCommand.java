package dev.mp.cli;

import picocli.CommandLine.Command;

@Command(name = "list", description = "Show the policy rules, numbered, in evaluation order.")
final class PolicyListCommand extends PendingCommand {}
