package dev.mp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The root command: global options and the command tree of DESIGN.md §5. */
@Command(
    name = "mp",
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description =
        "Federated Claude Code plugin registries: take plugins from several registries with a priority"
            + " order, a security policy, conflict detection and a deterministic lockfile.",
    footer = {
      "",
      "Exit codes: 0 ok; 1 a check found a problem (drift, denial, conflict, integrity failure);"
          + " 2 usage or invalid input; 3 not found or unavailable; 70 internal error.",
    })
final class MpCommand extends GroupCommand {
  @Mixin GlobalOptions globals = new GlobalOptions();

  @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version of mp and exit.")
  boolean version;

  private final Invocation invocation;
  private Output output;

  MpCommand(Invocation invocation) {
    this.invocation = invocation;
  }

  Invocation invocation() {
    return invocation;
  }

  /** The output of this run, built once from the global options. */
  Output sharedOutput() {
    if (output == null) {
      output = Main.output(invocation, globals);
    }
    return output;
  }
}
