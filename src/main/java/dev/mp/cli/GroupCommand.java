package dev.mp.cli;

import dev.mp.MpException;

/** A command that only groups subcommands ({@code mp registry}, {@code mp lock}, ...). */
abstract class GroupCommand extends BaseCommand {
  @Override
  protected final int execute() {
    String names = String.join(", ", spec.subcommands().keySet());
    throw MpException.usage(
        "`mp " + spec.name() + "` needs a subcommand: " + names,
        "run `mp " + spec.name() + " --help` to see what each does");
  }
}
