package dev.mp;

/**
 * Every error mp reports, with the process exit code it maps to. This table is the only place exit
 * codes of errors are decided.
 *
 * <p>Exit codes: {@code 1} a check found a problem, {@code 2} usage or invalid input, {@code 3} not
 * found or unavailable, {@code 70} an internal error (a bug in mp).
 */
public enum ErrorCode {
  /** No registry is configured, or every configured registry is disabled. */
  NO_REGISTRIES(3),
  /** Every enabled registry failed and no cached copy could stand in. */
  ALL_REGISTRIES_UNAVAILABLE(3),
  /** A single named registry could not be reached or read. */
  REGISTRY_UNAVAILABLE(3),
  /** A registry name that the configuration does not hold. */
  REGISTRY_NOT_FOUND(3),
  /** A plugin that no enabled registry offers. */
  PLUGIN_NOT_FOUND(3),
  /** A plugin package could not be fetched (network, missing file, unsupported source kind). */
  PACKAGE_UNAVAILABLE(3),
  /** Registries disagree about a plugin's content and the strategy did not pick one. */
  UNRESOLVED_CONFLICT(1),
  /** The policy denies a plugin. */
  POLICY_DENIED(1),
  /** Content does not hash to the integrity that was promised. */
  INTEGRITY_MISMATCH(1),
  /**
   * A package was refused before anything was placed: an archive entry outside the plugin folder
   * (absolute path, {@code ..}, a link leading out), a device file, or an archive over the size or
   * entry-count limit.
   */
  UNSAFE_PACKAGE(1),
  /** A signature does not verify under the registry's keys. */
  SIGNATURE_INVALID(1),
  /** A registry index was refused: bad or missing index signature, rollback or expiry. */
  INDEX_REJECTED(1),
  /** A registry's document is malformed: not JSON, or neither a registry index nor a marketplace. */
  INDEX_INVALID(2),
  /** Dependencies cannot be satisfied: a cycle, a missing dependency or conflicting ranges. */
  DEPENDENCY_ERROR(1),
  /** The lockfile was written by a newer mp. */
  UNSUPPORTED_LOCK_VERSION(2),
  /** The lockfile is missing where one is required, or cannot be read. */
  LOCKFILE_ERROR(2),
  /** {@code registries.json} (or another mp setting) is malformed or invalid. */
  CONFIG_ERROR(2),
  /** The policy file is malformed or invalid. */
  POLICY_CONFIG_ERROR(2),
  /** A bad command line: unknown command or flag, wrong argument. */
  USAGE_ERROR(2),
  /**
   * A plugin folder given to {@code mp pack} or {@code mp registry build} is not a publishable plugin:
   * no or a malformed {@code .claude-plugin/plugin.json}, no {@code name}, a {@code version} that is not
   * semver, a dependency Claude Code would misread.
   */
  PLUGIN_INVALID(2),
  /** A file could not be read or written (permissions, disk full, another process). */
  IO_ERROR(3),
  /** A bug in mp. */
  INTERNAL_ERROR(70);

  private final int exitCode;

  ErrorCode(int exitCode) {
    this.exitCode = exitCode;
  }

  /** The process exit code for this error. */
  public int exitCode() {
    return exitCode;
  }
}
