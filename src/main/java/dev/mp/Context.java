package dev.mp;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an mp operation needs from its surroundings, passed explicitly so that nothing is read
 * from globals: tests build their own context with a temp project, a fixed clock and a chosen
 * environment.
 *
 * @param projectDir the project root (absolute); {@code .claude/} and {@code plugin-lock.json} live here
 * @param cacheDir the cache root (absolute), shared between projects and processes
 * @param offline never touch the network when true
 * @param clock the source of time for cache ages, audit lines and token expiry
 * @param env the environment variables (tokens are read from here, never from {@code System.getenv})
 * @param reporter where warnings and progress go
 * @param terminal the interactive terminal, or {@link Terminal#NONE} when there is none
 */
public record Context(
    Path projectDir,
    Path cacheDir,
    boolean offline,
    Clock clock,
    Map<String, String> env,
    Reporter reporter,
    Terminal terminal) {

  public Context {
    projectDir = projectDir.toAbsolutePath().normalize();
    cacheDir = cacheDir.toAbsolutePath().normalize();
    Objects.requireNonNull(clock);
    env = Map.copyOf(env);
    Objects.requireNonNull(reporter);
    Objects.requireNonNull(terminal);
  }

  /** A non-interactive context with the default cache location for {@code env}. */
  public static Context of(Path projectDir, Map<String, String> env) {
    return new Context(
        projectDir,
        defaultCacheDir(env),
        false,
        Clock.systemUTC(),
        env,
        Reporter.SILENT,
        Terminal.NONE);
  }

  /**
   * The cache root: {@code $MP_CACHE_DIR}, else {@code $XDG_CACHE_HOME/mp}, else {@code ~/.cache/mp}.
   */
  public static Path defaultCacheDir(Map<String, String> env) {
    String explicit = env.get("MP_CACHE_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "mp");
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".cache", "mp");
  }

  public Context withOffline(boolean value) {
    return new Context(projectDir, cacheDir, value, clock, env, reporter, terminal);
  }

  public Context withReporter(Reporter value) {
    return new Context(projectDir, cacheDir, offline, clock, env, value, terminal);
  }

  public Context withCacheDir(Path value) {
    return new Context(projectDir, value, offline, clock, env, reporter, terminal);
  }

  public Context withClock(Clock value) {
    return new Context(projectDir, cacheDir, offline, value, env, reporter, terminal);
  }

  public Context withTerminal(Terminal value) {
    return new Context(projectDir, cacheDir, offline, clock, env, reporter, value);
  }
}
