package dev.mp.registry.source;

import dev.mp.Reporter;

/**
 * Collects the per-entry problems of one registry document and passes the first {@value #LIMIT} to a
 * reporter as warnings, every later one through {@link Reporter#warnMore} (shown with {@code -v}, kept
 * in {@code --json}), then one line counting those, so a registry with thousands of odd entries stays
 * readable and no problem is out of reach. Each line starts with the registry and the document
 * ({@code registry `team`: index.json:12:}). Not thread-safe: one per document read.
 */
public final class ParseWarnings {
  static final int LIMIT = 20;

  private final String prefix;
  private final Reporter reporter;
  private int count;
  private boolean finished;

  /**
   * @param prefix names the registry and the document, e.g. {@code registry `team`}
   */
  public ParseWarnings(String prefix, Reporter reporter) {
    this.prefix = prefix;
    this.reporter = reporter;
  }

  /** A problem with one plugin: {@code <where>: plugin `name`: message}. */
  public void plugin(String where, String plugin, String message) {
    report(where + ": plugin `" + plugin + "`: " + message);
  }

  /** A problem with the document or an entry without a usable name: {@code <where>: message}. */
  public void at(String where, String message) {
    report(where + ": " + message);
  }

  /** A problem already worded in full (a parser's message naming file, line and column). */
  public void note(String message) {
    report(message);
  }

  private void report(String line) {
    count++;
    if (count <= LIMIT) {
      reporter.warn(prefix + ": " + line);
    } else {
      reporter.warnMore(prefix + ": " + line);
    }
  }

  /** How many problems were seen. */
  public int count() {
    return count;
  }

  /** Reports how many problems went beyond the first {@value #LIMIT}, if any (once). */
  public void finish() {
    if (!finished && count > LIMIT) {
      finished = true;
      reporter.warn(prefix + ": " + (count - LIMIT) + " more problem(s); `-v` shows them, `--json` lists them");
    }
  }
}
