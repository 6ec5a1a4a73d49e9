package dev.mp.cli;

import picocli.CommandLine.Command;

@Command(
    name = "registry",
    description = "Manage the project's registries (.claude/registries.json).")
final class RegistryCommand extends GroupCommand {}
