package dev.mp.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The options every command accepts, before or after the command name. */
public final class GlobalOptions {
  @Option(
      names = "-C",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Run as if mp was started in DIR (the project root).")
  Path projectDir;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print one JSON document on stdout instead of text.")
  boolean json;

  @Option(
      names = "--offline",
      scope = ScopeType.INHERIT,
      description = "Never touch the network; use cached registry indexes only.")
  boolean offline;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Cache location (default: $MP_CACHE_DIR, else $XDG_CACHE_HOME/mp, else ~/.cache/mp).")
  Path cacheDir;

  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description = "Never use colour (also when NO_COLOR is set).")
  boolean noColor;

  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description = "Print only results and errors.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Print more detail (and stack traces of internal errors).")
  boolean verbose;
}
