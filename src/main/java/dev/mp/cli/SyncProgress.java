package dev.mp.cli;

import dev.mp.registry.client.SyncListener;
import dev.mp.registry.client.SyncOutcome;
import java.io.PrintWriter;

/**
 * The live progress line of {@code registry sync} on a terminal: rewritten in place as registries
 * finish, and erased before the results are printed. Never used with {@code --json}, {@code -q} or
 * without a terminal.
 */
final class SyncProgress implements SyncListener {
  private static final String ERASE = "\r\u001b[2K";

  private final PrintWriter err;

  private SyncProgress(PrintWriter err) {
    this.err = err;
  }

  /** A progress line when the run has a terminal and prints text; otherwise nothing. */
  static SyncListener start(Invocation invocation, Output out, int total) {
    if (!invocation.terminal() || out.json() || out.quiet()) {
      return SyncListener.NONE;
    }
    SyncProgress progress = new SyncProgress(invocation.err());
    progress.show("Syncing " + (total == 0 ? "registries" : total + " registr" + (total == 1 ? "y" : "ies")) + "...");
    return progress;
  }

  @Override
  public synchronized void finished(SyncOutcome outcome, int done, int total) {
    if (done == total) {
      err.print(ERASE);
      err.flush();
      return;
    }
    show("Syncing registries: " + done + "/" + total + " done (`" + outcome.name() + "` " + outcome.status().wire() + ")");
  }

  private void show(String line) {
    err.print(ERASE + line);
    err.flush();
  }
}
