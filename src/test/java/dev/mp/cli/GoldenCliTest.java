package dev.mp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden tests of what users see. Each case is a folder under {@code src/test/resources/cli/<command>/<case>/}:
 *
 * <ul>
 *   <li>{@code args}: the arguments, one a line ({@code -C <project>} is added in front unless
 *       the case gives its own {@code -C});
 *   <li>{@code env} (optional): {@code NAME=value} lines;
 *   <li>{@code in/} (optional): the project tree, copied to a temp folder;
 *   <li>{@code stdout}, {@code stderr}, {@code exit-code}: what the run must print and return;
 *   <li>{@code out/} (optional): files the project must hold afterwards (subset match);
 *   <li>{@code modes} (optional): {@code path=rw-------} lines, POSIX permissions set on files of the
 *       copied project before the run (git does not keep them);
 *   <li>{@code redactions} (optional): {@code [PLACEHOLDER]=regex} lines, for output that is random
 *       by design (a freshly generated key): every match prints as the placeholder.
 * </ul>
 *
 * <p>The temp project path prints as {@code [ROOT]} and the cache as {@code [CACHE]}. Run with
 * {@code -Dmp.golden.update=true} to rewrite {@code stdout}, {@code stderr} and {@code exit-code}, then
 * review the diff.
 */
class GoldenCliTest {
  private static final Path CASES = Path.of("src/test/resources/cli");
  private static final boolean UPDATE = Boolean.getBoolean("mp.golden.update");

  @TempDir Path temp;

  @TestFactory
  Stream<DynamicTest> goldenCases() throws IOException {
    List<Path> cases = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(CASES)) {
      paths.filter(p -> Files.isRegularFile(p.resolve("args"))).sorted().forEach(cases::add);
    }
    assertThat(cases).isNotEmpty();
    return cases.stream().map(c -> DynamicTest.dynamicTest(CASES.relativize(c).toString(), () -> run(c)));
  }

  private void run(Path caseDir) throws IOException {
    String id = caseDir.getFileName().toString() + "-" + Integer.toHexString(caseDir.toString().hashCode());
    Path project = temp.resolve(id).resolve("project");
    Path cache = temp.resolve(id).resolve("cache");
    Files.createDirectories(project);
    if (Files.isDirectory(caseDir.resolve("in"))) {
      TestFiles.copyTree(caseDir.resolve("in"), project);
    }
    Path modes = caseDir.resolve("modes");
    if (Files.exists(modes)) {
      for (String line : Files.readAllLines(modes, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          int eq = line.indexOf('=');
          Files.setPosixFilePermissions(project.resolve(line.substring(0, eq)),
              PosixFilePermissions.fromString(line.substring(eq + 1)));
        }
      }
    }
    List<String[]> redactions = new ArrayList<>();
    Path redactionsFile = caseDir.resolve("redactions");
    if (Files.exists(redactionsFile)) {
      for (String line : Files.readAllLines(redactionsFile, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          int eq = line.indexOf('=');
          redactions.add(new String[] {line.substring(0, eq), line.substring(eq + 1)});
        }
      }
    }
    Cli cli = new Cli(project, cache);
    Path envFile = caseDir.resolve("env");
    if (Files.exists(envFile)) {
      for (String line : Files.readAllLines(envFile, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          int eq = line.indexOf('=');
          cli.env(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    }
    List<String> args = Files.readAllLines(caseDir.resolve("args"), StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isEmpty())
        .map(line -> line.replace("[ROOT]", project.toString()))
        .toList();
    Cli.Result result = args.contains("-C")
        ? cli.runRaw(args.toArray(String[]::new))
        : cli.run(args.toArray(String[]::new));
    String stdout = redact(redact(result.stdout(), project, cache), redactions);
    String stderr = redact(redact(result.stderr(), project, cache), redactions);
    String exit = result.exitCode() + "\n";
    if (UPDATE) {
      Files.writeString(caseDir.resolve("stdout"), stdout, StandardCharsets.UTF_8);
      Files.writeString(caseDir.resolve("stderr"), stderr, StandardCharsets.UTF_8);
      Files.writeString(caseDir.resolve("exit-code"), exit, StandardCharsets.UTF_8);
    }
    assertThat(stdout).as("stdout of %s", caseDir).isEqualTo(read(caseDir.resolve("stdout")));
    assertThat(stderr).as("stderr of %s", caseDir).isEqualTo(read(caseDir.resolve("stderr")));
    assertThat(exit).as("exit code of %s", caseDir).isEqualTo(read(caseDir.resolve("exit-code")));
    Path expectedOut = caseDir.resolve("out");
    if (Files.isDirectory(expectedOut)) {
      try (Stream<Path> files = Files.walk(expectedOut)) {
        for (Path expected : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          Path actual = project.resolve(expectedOut.relativize(expected).toString());
          assertThat(actual).as("file %s", actual).exists();
          if (UPDATE) {
            Files.writeString(expected, redact(redact(TestFiles.read(actual), project, cache), redactions),
                StandardCharsets.UTF_8);
          }
          assertThat(redact(redact(TestFiles.read(actual), project, cache), redactions))
              .as("content of %s", expectedOut.relativize(expected))
              .isEqualTo(TestFiles.read(expected));
        }
      }
    }
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private static String redact(String text, List<String[]> redactions) {
    for (String[] redaction : redactions) {
      text = text.replaceAll(redaction[1], java.util.regex.Matcher.quoteReplacement(redaction[0]));
    }
    return text;
  }

  static String redact(String text, Path project, Path cache) {
    return text.replace(cache.toString(), "[CACHE]").replace(project.toString(), "[ROOT]");
  }
}
