package dev.mp.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the {@code ./mp} launcher's class-data archive: runs typical commands in-process
 * against a throw-away project so the JVM records the classes they load. Prints nothing.
 */
public final class Training {
  private Training() {}

  public static void main(String[] args) throws IOException {
    Path project = Files.createTempDirectory("mp-training");
    try {
      Map<String, String> env = Map.of("HOME", project.toString(), "MP_CACHE_DIR", project.resolve("cache").toString());
      String dir = project.toString();
      String[][] runs = {
        {"--help"},
        {"-C", dir, "registry", "list"},
        {"-C", dir, "--json", "registry", "list"},
        {"-C", dir, "registry", "add", "team", "./team", "--priority", "50"},
        {"-C", dir, "registry", "list"},
        {"-C", dir, "registry", "remove", "team"},
        {"-C", dir, "--json", "registry", "add", "Bad Name", "./x"},
        {"-C", dir, "no-such-command"},
        {"-C", dir, "policy", "list"},
        {"-C", dir, "policy", "check", "training", "--source", "local", "--explain"},
        {"-C", dir, "policy", "enforce", "--format", "sarif"},
      };
      for (String[] run : runs) {
        Invocation invocation = new Invocation(
            new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
            new BufferedReader(new StringReader("")), env, Clock.systemUTC(), false);
        Main.run(run, invocation);
      }
    } finally {
      try (Stream<Path> paths = Files.walk(project)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.delete(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
  }
}
