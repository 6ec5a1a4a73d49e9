package dev.mp.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.cli.Invocation;
import dev.mp.cli.Main;
import dev.mp.io.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the real command line in-process against a project folder, with its own cache, a fixed clock
 * and a chosen environment, and captures what it prints.
 */
public final class Cli {
  public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  private final Path project;
  private final Map<String, String> env = new HashMap<>();
  private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private String stdin = "";
  private boolean terminal;

  public Cli(Path project, Path cache) {
    this.project = project;
    env.put("HOME", project.resolve(".home").toString());
    env.put("MP_CACHE_DIR", cache.toString());
  }

  public Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public Cli clock(Clock value) {
    clock = value;
    return this;
  }

  /** Pretend stdin and stdout are a terminal whose user types {@code answers}. */
  public Cli terminal(String answers) {
    terminal = true;
    stdin = answers;
    return this;
  }

  public Path project() {
    return project;
  }

  /** Runs {@code mp -C <project> args...}. */
  public Result run(String... args) {
    List<String> all = new ArrayList<>();
    all.add("-C");
    all.add(project.toString());
    all.addAll(List.of(args));
    return runRaw(all.toArray(String[]::new));
  }

  /** Runs {@code mp args...} exactly as given. */
  public Result runRaw(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Invocation invocation =
        new Invocation(
            new PrintWriter(out), new PrintWriter(err), new BufferedReader(new StringReader(stdin)), env, clock, terminal);
    int code = Main.run(args, invocation);
    return new Result(code, out.toString(), err.toString());
  }

  /** What a run printed and returned. */
  public record Result(int exitCode, String stdout, String stderr) {
    /** stdout parsed as the one JSON document it must be. */
    public JsonNode json() {
      try {
        return Json.mapper().readTree(stdout);
      } catch (IOException e) {
        throw new UncheckedIOException("stdout is not one JSON document:\n" + stdout, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }
}
