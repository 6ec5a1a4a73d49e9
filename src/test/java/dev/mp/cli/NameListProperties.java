package dev.mp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import dev.mp.testing.Gen;
import dev.mp.testing.Property;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@link NameList} parses every command line exactly as picocli does without it. */
class NameListProperties {
  @Command(name = "plain")
  static class Plain {
    @Parameters(arity = "1..*") List<String> names = new ArrayList<>();
    @Option(names = "--flag") boolean flag;
    @Option(names = {"-o", "--opt"}) List<String> opt = new ArrayList<>();
    @Option(names = "-q") boolean quiet;
  }

  @Command(name = "consumed")
  static class Consumed {
    @Parameters(arity = "1..*", parameterConsumer = NameList.class) List<String> names = new ArrayList<>();
    @Option(names = "--flag") boolean flag;
    @Option(names = {"-o", "--opt"}) List<String> opt = new ArrayList<>();
    @Option(names = "-q") boolean quiet;
  }

  private static String plain(List<String> args) {
    Plain command = new Plain();
    try {
      new CommandLine(command).parseArgs(args.toArray(new String[0]));
      return command.names + " flag=" + command.flag + " opt=" + command.opt + " q=" + command.quiet;
    } catch (CommandLine.ParameterException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage().replace("plain", "CMD");
    }
  }

  private static String consumed(List<String> args) {
    Consumed command = new Consumed();
    try {
      new CommandLine(command).parseArgs(args.toArray(new String[0]));
      return command.names + " flag=" + command.flag + " opt=" + command.opt + " q=" + command.quiet;
    } catch (CommandLine.ParameterException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage().replace("consumed", "CMD");
    }
  }

  @Test
  void parsesLikePicocli() {
    Property.forAll(1000, gen -> {
      List<String> args = commandLines(gen);
      assertThat(consumed(args)).as(args.toString()).isEqualTo(plain(args));
    });
  }

  @Test
  void takesThousandsOfNamesWithOptionsBetweenThem() {
    List<String> args = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      args.add("plugin-" + i + (i % 3 == 0 ? "@^1" : ""));
      if (i == 2500) {
        args.add("--flag");
      }
    }
    Consumed command = new Consumed();
    new CommandLine(command).parseArgs(args.toArray(new String[0]));
    assertThat(command.names).hasSize(5000).startsWith("plugin-0@^1").endsWith("plugin-4999");
    assertThat(command.flag).isTrue();
    assertThat(consumed(args).equals(plain(args))).as("same parse as picocli's").isTrue();
  }

  private static List<String> commandLines(Gen gen) {
    return gen.list(0, 8, () -> gen.of("a", "b@^1", "c@>=1 <2", "-x", "--flag", "-o", "--opt", "--opt=v", "-ov", "-q",
        "-qx", "--", "-1", "-2.5", "-", "--bogus", "--bogus=1", "@", "x-y"));
  }
}
