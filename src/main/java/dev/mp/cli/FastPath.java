package dev.mp.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the plain command lines of the frequent commands without picocli's model.
 *
 * <p>Building picocli's model of even one command reads its annotations by reflection, which makes
 * the JDK generate a proxy class per annotation type: about half of a short run's work. The commands
 * that are run most, often from scripts ({@code registry list}, {@code registry sync}, {@code resolve},
 * {@code install}, {@code search}, {@code list}, {@code lock check}, {@code lock install}), have few
 * options, so their everyday command lines are recognised here and bound straight to the command's
 * fields. Anything this class is not sure picocli would read the same way is left to picocli, which
 * then parses the whole line as always: help and version options, {@code --}, {@code @file}
 * arguments, an option this table does not list, an option given twice, an option value that starts
 * with {@code -} or is missing, {@code --opt=value} and clustered short options, a wrong number of
 * positional values, an empty argument. So the usage errors, help and the meaning of every command
 * line stay picocli's; a property test ({@code FastPathTest}) compares both parsers on generated
 * command lines, and checks this table against the annotations.
 */
final class FastPath {
  /** No positional values; one (an {@code index = "0"} parameter); a list; a list of at least one. */
  enum Positionals { NONE, ONE, ANY, AT_LEAST_ONE }

  /** A command of the table: its path, its own flags and repeatable value options, its positionals. */
  static final class Known {
    final String path;
    final List<String> flags;
    final List<String> valueOptions;
    final Positionals positionals;

    Known(String path, List<String> flags, List<String> valueOptions, Positionals positionals) {
      this.path = path;
      this.flags = flags;
      this.valueOptions = valueOptions;
      this.positionals = positionals;
    }
  }

  static final List<Known> COMMANDS = List.of(
      new Known("registry list", List.of(), List.of(), Positionals.NONE),
      new Known("registry sync", List.of(), List.of(), Positionals.ANY),
      new Known("resolve", List.of("--explain"), List.of("--prefer"), Positionals.AT_LEAST_ONE),
      new Known("install", List.of(), List.of("--prefer"), Positionals.ANY),
      new Known("search", List.of(), List.of(), Positionals.ONE),
      new Known("list", List.of(), List.of(), Positionals.NONE),
      new Known("lock check", List.of(), List.of(), Positionals.NONE),
      new Known("lock install", List.of(), List.of(), Positionals.NONE));

  /** The global flags (picocli scope INHERIT: before or after the command's words). */
  static final List<String> GLOBAL_FLAGS =
      List.of("--json", "--offline", "--no-color", "-q", "--quiet", "-v", "--verbose");
  /** The global options that take a value (a path). */
  static final List<String> GLOBAL_VALUE_OPTIONS = List.of("-C", "--cache-dir");

  private FastPath() {}

  /**
   * The command {@code args} runs, with its fields and {@code root}'s global options set as picocli
   * would set them; null when picocli must parse {@code args}. Nothing is changed when null.
   */
  static BaseCommand parse(String[] args, MpCommand root) {
    String first = null;
    Known known = null;
    List<String> seen = new ArrayList<>();
    List<String> positionals = new ArrayList<>();
    List<String[]> values = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.isEmpty() || arg.charAt(0) == '@') {
        return null;
      }
      if (arg.charAt(0) == '-') {
        boolean global = GLOBAL_FLAGS.contains(arg) || GLOBAL_VALUE_OPTIONS.contains(arg);
        boolean own = known != null && (known.flags.contains(arg) || known.valueOptions.contains(arg));
        if (!global && !own || sameOption(seen, arg) && !(own && known.valueOptions.contains(arg))) {
          return null;
        }
        seen.add(arg);
        if (GLOBAL_VALUE_OPTIONS.contains(arg) || own && known.valueOptions.contains(arg)) {
          if (i + 1 == args.length || args[i + 1].isEmpty() || args[i + 1].charAt(0) == '-'
              || args[i + 1].charAt(0) == '@') {
            return null;
          }
          values.add(new String[] {arg, args[++i]});
        }
        continue;
      }
      if (known != null) {
        positionals.add(arg);
      } else if (first == null && isGroup(arg)) {
        first = arg;
      } else {
        known = find(first == null ? arg : first + " " + arg);
        if (known == null) {
          return null;
        }
      }
    }
    if (known == null || !fits(known.positionals, positionals.size())) {
      return null;
    }
    Path projectDir = null;
    Path cacheDir = null;
    try {
      for (String[] value : values) {
        if (value[0].equals("-C")) {
          projectDir = Path.of(value[1]);
        } else if (value[0].equals("--cache-dir")) {
          cacheDir = Path.of(value[1]);
        }
      }
    } catch (InvalidPathException e) {
      return null;
    }
    BaseCommand command = bind(known.path, seen, values, positionals);
    GlobalOptions globals = root.globals;
    globals.projectDir = projectDir;
    globals.cacheDir = cacheDir;
    globals.json = seen.contains("--json");
    globals.offline = seen.contains("--offline");
    globals.noColor = seen.contains("--no-color");
    globals.quiet = seen.contains("-q") || seen.contains("--quiet");
    globals.verbose = seen.contains("-v") || seen.contains("--verbose");
    command.directRoot = root;
    return command;
  }

  /** True when {@code arg} or another name of the same option was seen already. */
  private static boolean sameOption(List<String> seen, String arg) {
    return seen.contains(arg)
        || arg.equals("-q") && seen.contains("--quiet") || arg.equals("--quiet") && seen.contains("-q")
        || arg.equals("-v") && seen.contains("--verbose") || arg.equals("--verbose") && seen.contains("-v");
  }

  private static boolean isGroup(String word) {
    return word.equals("registry") || word.equals("lock");
  }

  private static Known find(String path) {
    for (Known known : COMMANDS) {
      if (known.path.equals(path)) {
        return known;
      }
    }
    return null;
  }

  private static boolean fits(Positionals kind, int count) {
    switch (kind) {
      case NONE: return count == 0;
      case ONE: return count == 1;
      case AT_LEAST_ONE: return count >= 1;
      default: return true;
    }
  }

  private static List<String> valuesOf(List<String[]> values, String option) {
    List<String> found = new ArrayList<>();
    for (String[] value : values) {
      if (value[0].equals(option)) {
        found.add(value[1]);
      }
    }
    return found;
  }

  private static BaseCommand bind(String path, List<String> seen, List<String[]> values, List<String> positionals) {
    switch (path) {
      case "registry sync": {
        RegistrySyncCommand command = new RegistrySyncCommand();
        command.names.addAll(positionals);
        return command;
      }
      case "resolve": {
        ResolveCommand command = new ResolveCommand();
        command.plugins.addAll(positionals);
        command.explain = seen.contains("--explain");
        command.prefer.addAll(valuesOf(values, "--prefer"));
        return command;
      }
      case "install": {
        InstallCommand command = new InstallCommand();
        command.plugins.addAll(positionals);
        command.prefer.addAll(valuesOf(values, "--prefer"));
        return command;
      }
      case "search": {
        SearchCommand command = new SearchCommand();
        command.pattern = positionals.get(0);
        return command;
      }
      default:
        return (BaseCommand) CommandTree.create(path);
    }
  }
}
