package dev.mp.install;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the system {@code git}, found on the {@code PATH} of the context's environment, never asking
 * for credentials on a terminal. Thread-safe.
 */
public final class GitRunner {
  private static final long TIMEOUT_MINUTES = 10;

  /** What a git command returned: its exit code and its stdout and stderr, merged. */
  public record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  private final String git;
  private final Map<String, String> env;

  private GitRunner(String git, Map<String, String> env) {
    this.git = git;
    this.env = env;
  }

  /** A runner for the {@code git} on {@code env}'s {@code PATH} (else the process's), or empty. */
  public static Optional<GitRunner> find(Map<String, String> env) {
    String path = env.getOrDefault("PATH", System.getenv().getOrDefault("PATH", ""));
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, "git");
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(new GitRunner(candidate.toString(), env));
        }
      }
    }
    return Optional.empty();
  }

  /** Runs {@code git args...} in {@code dir} (or the current folder when null). */
  public Result run(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(git);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (dir != null) {
      builder.directory(dir.toFile());
    }
    builder.environment().putAll(env);
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    builder.environment().put("GIT_ASKPASS", "true");
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("`git " + args[0] + "` took more than " + TIMEOUT_MINUTES + " minutes");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
