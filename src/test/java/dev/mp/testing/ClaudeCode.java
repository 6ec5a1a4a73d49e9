package dev.mp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Claude Code command line ({@code @anthropic-ai/claude-code} from npm), for checking that
 * what mp writes is what Claude Code loads.
 *
 * <p>It is installed with npm into {@code target/claude-code} on first use (npm's own cache makes a
 * later install from a clean clone fast). Every run has an empty environment ({@code env -i}), a
 * HOME and {@code CLAUDE_CONFIG_DIR} of the test's own, auto-update, telemetry, error reporting and
 * non-essential traffic off: only offline {@code claude plugin ...} subcommands, never a login,
 * never a prompt.
 *
 * <p>Where npm or the registry is missing the tests that need it are skipped, unless
 * {@code MP_REQUIRE_CLAUDE} is set (as {@code .ci/run} does): then a missing CLI fails them.
 */
public final class ClaudeCode {
  /** The version the project is checked against; DESIGN.md §8 names it. */
  public static final String VERSION = "2.1.332";

  private static final Path INSTALL_DIR = Path.of("target", "claude-code").toAbsolutePath();
  private static final long TIMEOUT_SECONDS = 120;

  private final Path executable;
  private final Path home;
  private final Path managedSettings;

  private ClaudeCode(Path executable, Path home) {
    this(executable, home, null);
  }

  private ClaudeCode(Path executable, Path home, Path managedSettings) {
    this.executable = executable;
    this.home = home;
    this.managedSettings = managedSettings;
  }

  /**
   * This CLI reading {@code settings} as its managed settings ({@code /etc/claude-code/managed-settings.json},
   * the only place Claude Code 2.1 on Linux reads them from). Each run gets its own mount namespace (as an
   * unprivileged user namespace: {@code unshare --mount --map-root-user}) in which an overlay puts the file
   * over {@code /etc}; the real {@code /etc} is never touched. The test is skipped where the system allows
   * no such namespace.
   */
  public ClaudeCode withManagedSettings(Path settings) {
    Path upper = home.resolve("managed-etc/upper");
    Path work = home.resolve("managed-etc/work");
    try {
      Files.createDirectories(upper.resolve("claude-code"));
      Files.createDirectories(work);
      Files.copy(settings, upper.resolve("claude-code/managed-settings.json"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Process probe = new ProcessBuilder("unshare", "--mount", "--map-root-user", "sh", "-c", overlay(upper, work)
          + " && test -f /etc/claude-code/managed-settings.json").redirectErrorStream(true).start();
      if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
        Assumptions.abort("no unprivileged mount namespace with overlayfs here: cannot put managed settings over /etc");
      }
    } catch (IOException e) {
      Assumptions.abort("cannot run `unshare`: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    return new ClaudeCode(executable, home, upper.getParent());
  }

  private static String overlay(Path upper, Path work) {
    return "mount -t overlay overlay -o lowerdir=/etc,upperdir=" + upper + ",workdir=" + work + " /etc";
  }

  /**
   * The CLI with a fresh configuration under {@code home} (its own HOME and CLAUDE_CONFIG_DIR), or the
   * test is skipped (failed under {@code MP_REQUIRE_CLAUDE}) when it cannot be had.
   */
  public static ClaudeCode require(Path home) {
    Optional<Path> executable = locate();
    if (executable.isEmpty()) {
      String why = "the Claude Code CLI " + VERSION + " is not available (npm install into " + INSTALL_DIR + " failed)";
      if (System.getenv("MP_REQUIRE_CLAUDE") != null) {
        throw new AssertionError(why + "; MP_REQUIRE_CLAUDE is set, so this is a failure");
      }
      Assumptions.abort(why);
    }
    try {
      Files.createDirectories(home.resolve(".claude"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ClaudeCode(executable.get(), home);
  }

  /** The installed executable, installing it first when needed; empty when that is not possible. */
  static synchronized Optional<Path> locate() {
    Optional<Path> found = installed();
    if (found.isPresent()) {
      return found;
    }
    try {
      Files.createDirectories(INSTALL_DIR);
      // Several test JVMs may start at once: one installs, the others wait and then find it.
      try (FileChannel channel = FileChannel.open(INSTALL_DIR.resolve(".lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
        found = installed();
        if (found.isPresent()) {
          return found;
        }
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix",
            INSTALL_DIR.toString(), "@anthropic-ai/claude-code@" + VERSION)
            .redirectErrorStream(true)
            .redirectOutput(INSTALL_DIR.resolve("npm-install.log").toFile())
            .start();
        if (!npm.waitFor(5, TimeUnit.MINUTES)) {
          npm.destroyForcibly();
          return Optional.empty();
        }
        return installed();
      }
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * The platform binary npm put in place. The package's own launcher is replaced by it only when its
   * install script runs, which npm 11 does not do by default; the platform package has it either way.
   */
  private static Optional<Path> installed() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac") ? "darwin" : "linux";
    String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "arm64" : "x64";
    Path modules = INSTALL_DIR.resolve("node_modules").resolve("@anthropic-ai");
    for (Path candidate : List.of(
        modules.resolve("claude-code-" + os + "-" + arch).resolve("claude"),
        modules.resolve("claude-code-" + os + "-" + arch + "-musl").resolve("claude"))) {
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  public Path home() {
    return home;
  }

  /** Claude Code's configuration folder for this instance ({@code CLAUDE_CONFIG_DIR}). */
  public Path configDir() {
    return home.resolve(".claude");
  }

  /**
   * Runs {@code claude ARGS...} in {@code workingDir} and waits for it.
   *
   * @param args for example {@code "plugin", "validate", "."}
   */
  public Result run(Path workingDir, String... args) {
    List<String> command = new ArrayList<>();
    if (managedSettings != null) {
      command.addAll(List.of("unshare", "--mount", "--map-root-user", "sh", "-c",
          overlay(managedSettings.resolve("upper"), managedSettings.resolve("work")) + " && exec \"$@\"", "sh"));
    }
    command.add(executable.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.putAll(environment());
    try {
      Path out = Files.createTempFile(home, "claude-out", ".txt");
      Path err = Files.createTempFile(home, "claude-err", ".txt");
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("claude " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      Result result = new Result(String.join(" ", args), process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** {@link #run} that fails the test unless the command exits 0. */
  public Result ok(Path workingDir, String... args) {
    Result result = run(workingDir, args);
    if (result.exitCode() != 0) {
      throw new AssertionError("claude " + result.command() + " exited " + result.exitCode() + "\n" + result.output());
    }
    return result;
  }

  /** The whole environment of a run: nothing is inherited from the test's own. */
  Map<String, String> environment() {
    Map<String, String> env = new TreeMap<>();
    env.put("HOME", home.toString());
    env.put("CLAUDE_CONFIG_DIR", configDir().toString());
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("LANG", "C.UTF-8");
    env.put("TERM", "dumb");
    env.put("NO_COLOR", "1");
    env.put("DISABLE_AUTOUPDATER", "1");
    env.put("DISABLE_TELEMETRY", "1");
    env.put("DISABLE_ERROR_REPORTING", "1");
    env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
    return env;
  }

  /** What one run printed. */
  public record Result(String command, int exitCode, String stdout, String stderr) {
    /** stdout then stderr, for messages and loose matching. */
    public String output() {
      return stdout + (stderr.isEmpty() ? "" : "\n" + stderr);
    }
  }
}
