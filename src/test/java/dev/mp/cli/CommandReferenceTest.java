package dev.mp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/commands.md} is the {@code --help} of every command, so the reference can never drift
 * from the code: this test rebuilds it from the real command tree and compares. Run with {@code
 * -Dmp.golden.update=true} to rewrite it after changing a command.
 */
class CommandReferenceTest {
  private static final Path REFERENCE = Path.of("docs/commands.md");

  @TempDir Path temp;

  @Test
  void theCommandReferenceIsTheHelpOfEveryCommand() throws IOException {
    StringBuilder doc = new StringBuilder();
    doc.append("# Command reference\n\n");
    doc.append("Generated from `mp <command> --help` by `CommandReferenceTest` (run `./mvnw test\n");
    doc.append("-Dtest=CommandReferenceTest -Dmp.golden.update=true` after changing a command). Behaviour,\n");
    doc.append("output and errors are described in [cli.md](cli.md); exit codes in its error table.\n");
    Cli cli = new Cli(temp, temp.resolve("cache"));
    for (List<String> command : commands()) {
      List<String> args = new ArrayList<>(command);
      args.add("--help");
      Cli.Result help = cli.runRaw(args.toArray(String[]::new));
      assertThat(help.exitCode()).as(String.join(" ", command)).isZero();
      doc.append("\n## `mp").append(command.isEmpty() ? "" : " " + String.join(" ", command)).append("`\n\n");
      doc.append("```\n").append(help.stdout().stripTrailing()).append("\n```\n");
    }
    String expected = doc.toString();
    if (Boolean.getBoolean("mp.golden.update")) {
      Files.writeString(REFERENCE, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(REFERENCE, StandardCharsets.UTF_8))
        .as("docs/commands.md is out of date; regenerate it with -Dmp.golden.update=true")
        .isEqualTo(expected);
  }

  /** Every command of the tree, depth first, in the order `mp --help` lists them. */
  private static List<List<String>> commands() {
    List<List<String>> all = new ArrayList<>();
    all.add(List.of());
    for (CommandTree.Node node : CommandTree.COMMANDS) {
      all.add(List.of(node.name()));
      for (CommandTree.Node child : node.children()) {
        all.add(List.of(node.name(), child.name()));
      }
    }
    return all;
  }
}
