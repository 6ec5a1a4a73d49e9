package dev.mp.registry.client;

import dev.mp.Reporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Holds one registry's warnings while registries are fetched in parallel, so they can be replayed in
 * priority order: output must not depend on which registry answered first. Progress ({@code info})
 * passes straight through, since waiting for a lock must be said when it happens.
 */
final class BufferedReporter implements Reporter {
  private final Reporter target;
  private final List<String> debug = new ArrayList<>();
  /** Warnings in the order they came, each with whether it was a {@link #warnMore}. */
  private final List<Map.Entry<String, Boolean>> warnings = new ArrayList<>();

  BufferedReporter(Reporter target) {
    this.target = target;
  }

  @Override
  public synchronized void warn(String message) {
    warnings.add(Map.entry(message, false));
  }

  @Override
  public synchronized void warnMore(String message) {
    warnings.add(Map.entry(message, true));
  }

  @Override
  public void info(String message) {
    target.info(message);
  }

  @Override
  public synchronized void debug(String message) {
    debug.add(message);
  }

  synchronized void replay() {
    for (String message : debug) {
      target.debug(message);
    }
    for (Map.Entry<String, Boolean> warning : warnings) {
      if (warning.getValue()) {
        target.warnMore(warning.getKey());
      } else {
        target.warn(warning.getKey());
      }
    }
    debug.clear();
    warnings.clear();
  }
}
