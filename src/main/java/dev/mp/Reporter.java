package dev.mp;

/**
 * How the library talks to the user without printing: warnings and progress go through a reporter,
 * and the command line renders them (on stderr). Implementations must be thread-safe, because
 * registries are fetched in parallel.
 */
public interface Reporter {
  /** Something went wrong but the operation goes on (a registry down, a stale cache in use). */
  void warn(String message);

  /**
   * A warning beyond the first ones a source had to say (a registry with hundreds of odd entries):
   * shown with {@code -v} and kept in {@code --json} output, left out otherwise. By default, detail.
   */
  default void warnMore(String message) {
    debug(message);
  }

  /** A line of progress or status for people ("Syncing 3 registries"). */
  default void info(String message) {}

  /** Detail shown only with {@code -v}. */
  default void debug(String message) {}

  /** A reporter that drops everything, for library callers that do not care. */
  Reporter SILENT = new Reporter() {
    @Override
    public void warn(String message) {}
  };
}
