package dev.mp.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * What one run of the command line is given by its surroundings. Tests build one with string
 * writers, a fixed clock and a chosen environment; {@code main} builds one from the real process.
 *
 * @param out standard output (data, and the JSON document with {@code --json})
 * @param err standard error (status, progress, warnings, errors)
 * @param in standard input, read only when asking the user at a terminal
 * @param env environment variables
 * @param clock the time source
 * @param terminal true when stdin and stdout are a terminal (colour, progress, prompts)
 */
public record Invocation(
    PrintWriter out, PrintWriter err, BufferedReader in, Map<String, String> env, Clock clock, boolean terminal) {
  public Invocation {
    env = Map.copyOf(env);
  }
}
