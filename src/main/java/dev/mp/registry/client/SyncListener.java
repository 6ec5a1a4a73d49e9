package dev.mp.registry.client;

/**
 * Hears each registry finish during {@code registry sync}, for a live progress display. Called from
 * the fetching threads, in completion order; implementations must be thread-safe. The last call
 * ({@code done == total}) comes before any warning is reported.
 */
@FunctionalInterface
public interface SyncListener {
  void finished(SyncOutcome outcome, int done, int total);

  SyncListener NONE = new SyncListener() {
    @Override
    public void finished(SyncOutcome outcome, int done, int total) {}
  };
}
