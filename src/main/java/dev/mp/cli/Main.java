package dev.mp.cli;

import dev.mp.MpException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/** The entry point. {@link #run} is what tests call; {@link #main} only adds {@code System.exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // For the command lines picocli parses: no probe for Groovy closures (a failing class lookup) and
    // no converters for java.time and java.sql types (loading them costs milliseconds; no option has one).
    if (System.getProperty("picocli.disable.closures") == null) {
      System.setProperty("picocli.disable.closures", "true");
    }
    if (System.getProperty("picocli.converters.excludes") == null) {
      System.setProperty("picocli.converters.excludes", "java\\.(time|sql)\\..*");
    }
    PrintWriter out = new PrintWriter(new Utf8Writer(System.out), false);
    PrintWriter err = new PrintWriter(new Utf8Writer(System.err), false);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Invocation invocation =
        new Invocation(out, err, in, System.getenv(), Clock.systemUTC(), System.console() != null);
    int code = run(args, invocation);
    out.flush();
    err.flush();
    NativeWaiters.stopHttpSelectors();
    System.exit(code);
  }

  /**
   * Runs one command line.
   *
   * @return the exit code: 0 ok, 1 a check found a problem, 2 usage or invalid input, 3 not found or
   *     unavailable, 70 internal error
   */
  public static int run(String[] args, Invocation invocation) {
    MpCommand root = new MpCommand(invocation);
    BaseCommand direct = FastPath.parse(args, root);
    if (direct != null) {
      try {
        return direct.call();
      } catch (MpException e) {
        return root.sharedOutput().error(e);
      } catch (Exception e) {
        // As picocli's execution exception handler below: exceptions, not errors.
        return root.sharedOutput().internalError(e);
      } finally {
        invocation.out().flush();
        invocation.err().flush();
      }
    }
    CommandLine commandLine = new CommandLine(root);
    CommandTree.build(commandLine, args);
    boolean color = colorWanted(invocation, Arrays.asList(args));
    commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(color ? Ansi.ON : Ansi.OFF));
    commandLine.setOut(invocation.out());
    commandLine.setErr(invocation.err());
    commandLine.setCaseInsensitiveEnumValuesAllowed(false);
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          Output output = root.sharedOutput();
          if (exception instanceof MpException e) {
            return output.error(e);
          }
          return output.internalError(exception);
        });
    commandLine.setParameterExceptionHandler(
        (exception, ignored) -> {
          Output output = output(invocation, root.globals, Arrays.asList(args));
          return output.error(UsageErrors.describe(exception));
        });
    try {
      return commandLine.execute(args);
    } finally {
      invocation.out().flush();
      invocation.err().flush();
    }
  }

  static Output output(Invocation invocation, GlobalOptions globals) {
    return new Output(
        invocation.out(),
        invocation.err(),
        globals.json,
        colorWanted(invocation, List.of()) && !globals.noColor,
        globals.quiet,
        globals.verbose);
  }

  /** For errors raised before the options were bound: read the flags from the raw arguments. */
  private static Output output(Invocation invocation, GlobalOptions globals, List<String> args) {
    boolean json = globals.json || args.contains("--json");
    boolean noColor = globals.noColor || args.contains("--no-color");
    boolean verbose = globals.verbose || args.contains("-v") || args.contains("--verbose");
    return new Output(invocation.out(), invocation.err(), json,
        colorWanted(invocation, args) && !noColor, false, verbose);
  }

  private static boolean colorWanted(Invocation invocation, List<String> args) {
    String noColor = invocation.env().get("NO_COLOR");
    return invocation.terminal()
        && (noColor == null || noColor.isEmpty())
        && !"dumb".equals(invocation.env().get("TERM"))
        && !args.contains("--no-color");
  }
}
