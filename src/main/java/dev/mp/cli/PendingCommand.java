package dev.mp.cli;

import dev.mp.MpException;

/**
 * A command of the design whose implementation has not landed: it exits 2 with
 * {@code NOT_IMPLEMENTED} rather than pretending to work.
 */
abstract class PendingCommand extends BaseCommand {
  @Override
  protected final int execute() {
    throw MpException.notImplemented(spec.qualifiedName(" ").replaceFirst("^mp ", ""));
  }
}
