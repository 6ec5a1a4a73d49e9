package dev.mp.cli;

import picocli.CommandLine.Command;

@Command(
    name = "policy",
    description = "Check plugins against the policy (.claude/policies/plugins.yaml) and audit the project.")
final class PolicyCommand extends GroupCommand {}
