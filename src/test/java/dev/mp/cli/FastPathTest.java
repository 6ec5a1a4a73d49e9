package dev.mp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * {@link FastPath} binds a command line only when picocli would bind it the same way: compared on
 * generated command lines, and its table checked against the commands' annotations.
 */
class FastPathTest {
  private static final String[] NOISE = {
    "registry", "lock", "policy", "list", "sync", "check", "install", "resolve", "search", "init", "test",
    "a", "b@^1", "c@>=1 <2", "x=y", "dir", "-C", "--cache-dir", "--json", "--offline", "--no-color", "-q",
    "--quiet", "-v", "--verbose", "--explain", "--prefer", "--", "-h", "--help", "-V", "--version", "@args",
    "", "-", "-qv", "-Cdir", "--json=true", "--prefer=a=b", "--bogus", "-1", "-x", "a\u0000b",
  };
  private static final String[] GLOBALS = {"--json", "--offline", "--no-color", "-q", "--quiet", "-v", "--verbose"};
  private static final String[] NAMES = {"a", "b@^1", "plugin-7", "c@>=1 <2", "registry", "list", "x/y", "é"};

  private static Invocation invocation() {
    return new Invocation(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        new BufferedReader(new StringReader("")), Map.of(), Clock.systemUTC(), false);
  }

  /** A command line near what the table accepts: a known path, globals and own options, names, some noise. */
  private static List<String> generate(Random random) {
    FastPath.Known known = FastPath.COMMANDS.get(random.nextInt(FastPath.COMMANDS.size()));
    List<String> words = new ArrayList<>(Arrays.asList(known.path.split(" ")));
    List<String> args = new ArrayList<>(words);
    int extra = random.nextInt(7);
    for (int i = 0; i < extra; i++) {
      int at = random.nextInt(args.size() + 1);
      switch (random.nextInt(6)) {
        case 0 -> args.add(at, GLOBALS[random.nextInt(GLOBALS.length)]);
        case 1 -> args.addAll(at, List.of(random.nextBoolean() ? "-C" : "--cache-dir", "dir" + random.nextInt(3)));
        case 2 -> args.add(at, NAMES[random.nextInt(NAMES.length)]);
        case 3 -> {
          if (!known.flags.isEmpty()) {
            args.add(at, known.flags.get(random.nextInt(known.flags.size())));
          } else if (!known.valueOptions.isEmpty()) {
            args.addAll(at, List.of(known.valueOptions.get(0), NAMES[random.nextInt(NAMES.length)] + "=r"));
          }
        }
        case 4 -> {
          if (!known.valueOptions.isEmpty()) {
            args.addAll(at, List.of(known.valueOptions.get(0), NAMES[random.nextInt(NAMES.length)] + "=r"));
          }
        }
        default -> {
          if (random.nextInt(3) == 0) {
            args.add(at, NOISE[random.nextInt(NOISE.length)]);
          } else {
            args.add(NAMES[random.nextInt(NAMES.length)]);
          }
        }
      }
    }
    return args;
  }

  /** The values of the fields picocli binds (options and positional parameters), by field name. */
  private static String bound(Object command) throws IllegalAccessException {
    StringBuilder values = new StringBuilder(command.getClass().getSimpleName());
    for (Class<?> type = command.getClass(); type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (field.isAnnotationPresent(Option.class) || field.isAnnotationPresent(Parameters.class)) {
          field.setAccessible(true);
          values.append(' ').append(field.getName()).append('=').append(field.get(command));
        }
      }
    }
    return values.toString();
  }

  @Test
  void bindsOnlyWhatPicocliBindsTheSameWay() throws Exception {
    Random random = new Random(15);
    int accepted = 0;
    int deferred = 0;
    for (int n = 0; n < 6000; n++) {
      List<String> args = generate(random);
      String[] array = args.toArray(new String[0]);
      MpCommand fastRoot = new MpCommand(invocation());
      BaseCommand fast = FastPath.parse(array, fastRoot);
      if (fast == null) {
        deferred++;
        continue;
      }
      accepted++;
      MpCommand root = new MpCommand(invocation());
      CommandLine commandLine = new CommandLine(root);
      CommandTree.build(commandLine, array);
      CommandLine.ParseResult result;
      try {
        result = commandLine.parseArgs(array);
      } catch (CommandLine.ParameterException e) {
        throw new AssertionError("the fast path accepted " + args + ", which picocli rejects: " + e.getMessage());
      }
      while (result.hasSubcommand()) {
        result = result.subcommand();
      }
      Object leaf = result.commandSpec().userObject();
      assertThat(bound(fast)).as("%s", args).isEqualTo(bound(leaf));
      assertThat(bound(fastRoot.globals)).as("%s", args).isEqualTo(bound(root.globals));
      assertThat(fast.root()).isSameAs(fastRoot);
    }
    assertThat(accepted).as("command lines the fast path took").isGreaterThan(1500);
    assertThat(deferred).as("command lines left to picocli").isGreaterThan(1500);
  }

  @Test
  void leavesHelpVersionArgumentFilesAndMistakesToPicocli() {
    for (String line : List.of("resolve --help", "registry list -h", "-V", "--version", "resolve @names.txt",
        "resolve", "search", "search a b", "registry list x", "list --json --json", "-q --quiet list",
        "resolve a --prefer", "resolve a --prefer -v", "-C", "resolve -- a", "policy list", "registry", "lock",
        "registry add x y", "--explain resolve a", "resolve a --bogus", "-qv list", "list -C=dir")) {
      assertThat(FastPath.parse(line.split(" "), new MpCommand(invocation()))).as(line).isNull();
    }
  }

  @Test
  void takesTheEverydayCommandLines() {
    for (String line : List.of("registry list", "--json registry list", "-C dir registry --json list -q",
        "resolve a b@^1 --explain --prefer a=team --prefer b=local", "lock check", "lock install -v",
        "install", "install a", "search lint", "list --offline", "registry sync team --cache-dir c")) {
      assertThat(FastPath.parse(line.split(" "), new MpCommand(invocation()))).as(line).isNotNull();
    }
  }

  /** The table says what the annotations say: a change to these commands' options must show up here. */
  @Test
  void theTableMatchesTheAnnotations() {
    CommandSpec rootSpec = new CommandLine(new MpCommand(invocation())).getCommandSpec();
    for (String flag : FastPath.GLOBAL_FLAGS) {
      OptionSpec option = rootSpec.findOption(flag);
      assertThat(option).as(flag).isNotNull();
      assertThat(option.scopeType()).isEqualTo(ScopeType.INHERIT);
      assertThat(option.type()).isEqualTo(boolean.class);
      assertThat(option.arity().max()).isZero();
      assertThat(option.defaultValue()).isNull();
    }
    for (String name : FastPath.GLOBAL_VALUE_OPTIONS) {
      OptionSpec option = rootSpec.findOption(name);
      assertThat(option).as(name).isNotNull();
      assertThat(option.scopeType()).isEqualTo(ScopeType.INHERIT);
      assertThat(option.type()).isEqualTo(java.nio.file.Path.class);
      assertThat(option.arity().min()).isEqualTo(1);
      assertThat(option.arity().max()).isEqualTo(1);
      assertThat(option.defaultValue()).isNull();
    }
    for (OptionSpec option : rootSpec.options()) {
      if (option.scopeType() == ScopeType.INHERIT) {
        assertThat(Arrays.stream(option.names()).allMatch(
            name -> FastPath.GLOBAL_FLAGS.contains(name) || FastPath.GLOBAL_VALUE_OPTIONS.contains(name)))
            .as("every inherited option is in the table: %s", Arrays.toString(option.names())).isTrue();
      }
    }
    for (FastPath.Known known : FastPath.COMMANDS) {
      CommandSpec spec = new CommandLine(CommandTree.create(known.path)).getCommandSpec();
      assertThat(spec.subcommands()).as(known.path).isEmpty();
      for (String flag : known.flags) {
        OptionSpec option = spec.findOption(flag);
        assertThat(option).as(known.path + " " + flag).isNotNull();
        assertThat(option.type()).isEqualTo(boolean.class);
        assertThat(option.arity().max()).isZero();
        assertThat(option.defaultValue()).isNull();
      }
      for (String name : known.valueOptions) {
        OptionSpec option = spec.findOption(name);
        assertThat(option).as(known.path + " " + name).isNotNull();
        assertThat(option.isMultiValue()).as("repeatable").isTrue();
        assertThat(option.type()).isEqualTo(List.class);
        assertThat(option.arity().min()).isEqualTo(1);
        assertThat(option.arity().max()).isEqualTo(1);
        assertThat(option.defaultValue()).isNull();
        assertThat(option.splitRegex()).isEmpty();
      }
      for (OptionSpec option : spec.options()) {
        boolean inTable = Arrays.stream(option.names()).anyMatch(
            name -> known.flags.contains(name) || known.valueOptions.contains(name));
        if (!inTable) {
          // Options the table does not list make the fast path step aside; none may be required.
          assertThat(option.required()).as(known.path + " " + Arrays.toString(option.names())).isFalse();
          assertThat(option.defaultValue()).isNull();
        }
      }
      List<PositionalParamSpec> positionals = spec.positionalParameters();
      switch (known.positionals) {
        case NONE -> assertThat(positionals).as(known.path).isEmpty();
        case ONE -> {
          assertThat(positionals).as(known.path).hasSize(1);
          assertThat(positionals.get(0).arity().min()).isEqualTo(1);
          assertThat(positionals.get(0).arity().max()).isEqualTo(1);
          assertThat(positionals.get(0).index().min()).isZero();
        }
        case ANY, AT_LEAST_ONE -> {
          assertThat(positionals).as(known.path).hasSize(1);
          PositionalParamSpec names = positionals.get(0);
          assertThat(names.isMultiValue()).isTrue();
          assertThat(names.arity().min()).isEqualTo(known.positionals == FastPath.Positionals.ANY ? 0 : 1);
          assertThat(names.arity().isUnspecified() || names.arity().max() == Integer.MAX_VALUE).isTrue();
          assertThat(names.splitRegex()).isEmpty();
        }
      }
      for (PositionalParamSpec positional : positionals) {
        assertThat(positional.defaultValue()).as(known.path).isNull();
        assertThat(Objects.requireNonNullElse(positional.parameterConsumer(), new NameList()))
            .as("a custom parameter consumer other than NameList").isInstanceOf(NameList.class);
      }
    }
  }
}
