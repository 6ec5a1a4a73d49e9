package dev.mp.wrapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a project's {@code mpw} with a chosen shell ({@code dash}, {@code bash}) in an environment of
 * the test's own: HOME and MP_CACHE_DIR in a temp folder, the system's PATH, nothing else inherited.
 */
final class Mpw {
  final String shell;
  final Path project;
  final Map<String, String> env = new TreeMap<>();

  Mpw(String shell, Path project, Path home) {
    this.shell = shell;
    this.project = project;
    env.put("HOME", home.toString());
    env.put("MP_CACHE_DIR", home.resolve("cache").toString());
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("LANG", "C.UTF-8");
    env.put("NO_COLOR", "1");
  }

  /** Sets a variable, or removes it when {@code value} is null. */
  Mpw env(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    return this;
  }

  Path cache() {
    return Path.of(env.get("MP_CACHE_DIR"));
  }

  /** A run in progress, and where its output goes. */
  record Running(Process process, Path out, Path err, String what) {}

  /** Starts {@code <shell> <project>/mpw args...}. */
  Running start(String... args) {
    List<String> command = new ArrayList<>();
    command.add(shell);
    command.add(project.resolve("mpw").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    try {
      Path out = Files.createTempFile("mpw-out", ".txt");
      Path err = Files.createTempFile("mpw-err", ".txt");
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
      return new Running(process, out, err, String.join(" ", command));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Result run(String... args) {
    return finish(start(args));
  }

  /** Waits for a started run and reads what it printed. */
  static Result finish(Running running) {
    try {
      if (!running.process().waitFor(180, TimeUnit.SECONDS)) {
        running.process().destroyForcibly();
        throw new AssertionError(running.what() + " did not finish in 180 s");
      }
      Result result = new Result(running.process().exitValue(), Files.readString(running.out(), StandardCharsets.UTF_8),
          Files.readString(running.err(), StandardCharsets.UTF_8));
      Files.delete(running.out());
      Files.delete(running.err());
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** What a run printed and returned. */
  record Result(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }
}
