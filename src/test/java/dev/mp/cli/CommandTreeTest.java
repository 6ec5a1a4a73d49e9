package dev.mp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.testing.Cli;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The command tree of DESIGN.md §5: every command exists and explains itself. */
class CommandTreeTest {
  @TempDir Path temp;

  static Stream<String> designCommands() {
    return Stream.of(
        "init", "registry add", "registry remove", "registry list", "registry sync", "registry test",
        "registry keygen", "registry sign", "search", "resolve", "install", "uninstall", "list",
        "policy check", "policy list", "policy enforce", "lock generate", "lock check", "lock diff",
        "lock install");
  }

  @ParameterizedTest
  @MethodSource("designCommands")
  void everyCommandHasHelp(String command) {
    String[] words = (command + " --help").split(" ");
    Cli.Result result = new Cli(temp, temp.resolve("cache")).run(words);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).startsWith("Usage: mp " + command);
  }

  @Test
  void theLazyTreeBuildsOnlyThePathOfTheRun() {
    assertThat(CommandTree.commandPath(new String[] {"-C", "dir", "--json", "registry", "list", "x"}))
        .containsExactly("registry", "list");
    assertThat(CommandTree.commandPath(new String[] {"--cache-dir", "c", "install"})).containsExactly("install");
    assertThat(CommandTree.commandPath(new String[] {"--help"})).isEmpty();
  }

  @Test
  void rootHelpListsEveryTopLevelCommand() {
    Cli.Result result = new Cli(temp, temp.resolve("cache")).run("--help");
    for (String command : List.of("init", "registry", "search", "resolve", "install", "uninstall", "list", "policy", "lock")) {
      assertThat(result.stdout()).containsPattern("(?m)^  " + command + " ");
    }
  }
}
