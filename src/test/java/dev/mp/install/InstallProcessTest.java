package dev.mp.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.Federation;
import dev.mp.Reporter;
import dev.mp.lock.LockfileCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installs in real child JVMs: killed in the middle, and two at once. */
class InstallProcessTest {
  @TempDir Path temp;

  private Path project;
  private Path cache;

  private Process child(String pause, String... plugins) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        InstallChild.class.getName(), project.toString(), cache.toString()));
    command.addAll(List.of(plugins));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove(Installer.PAUSE_VARIABLE);
    if (pause != null) {
      builder.environment().put(Installer.PAUSE_VARIABLE, pause);
    }
    Process process = builder.start();
    process.getOutputStream().close();
    return process;
  }

  /** Reads stderr lines until one contains {@code text}; returns all lines read. */
  private static List<String> awaitLine(BufferedReader stderr, String text) throws IOException {
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = stderr.readLine()) != null) {
      lines.add(line);
      if (line.contains(text)) {
        return lines;
      }
    }
    throw new AssertionError("child ended without printing `" + text + "`: " + lines);
  }

  private void installFirstVersion() throws Exception {
    project = Files.createDirectories(temp.resolve("project"));
    cache = temp.resolve("cache");
    Path alpha = Packages.plugin(temp.resolve("v1/alpha"), "alpha", "1.0.0");
    new Federation(Packages.context(project, cache, Map.of(), Reporter.SILENT))
        .install(InstallPlan.of(List.of(Packages.fromFolder("alpha", "1.0.0", alpha, null)), Map.of("alpha", "*")));
  }

  private Map<String, String> installedState() throws IOException {
    Map<String, String> state = new java.util.TreeMap<>(Snapshot.of(project.resolve(".claude/plugins")));
    state.put("plugin-lock.json", new String(Files.readAllBytes(project.resolve("plugin-lock.json")), StandardCharsets.UTF_8));
    return state;
  }

  @Test
  void aProcessKilledAfterStagingLeavesThePreviousInstallAndLockfileByteIdentical() throws Exception {
    installFirstVersion();
    Map<String, String> before = installedState();
    Path alpha2 = Packages.plugin(temp.resolve("v2/alpha"), "alpha", "2.0.0");
    Path beta = Packages.plugin(temp.resolve("v2/beta"), "beta", "1.0.0");

    Process process = child("staged", "alpha=2.0.0=" + alpha2, "beta=1.0.0=" + beta);
    BufferedReader stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    awaitLine(stderr, "test pause: staged");
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(installedState()).isEqualTo(before);
    try (var siblings = Files.list(project.resolve(".claude"))) {
      assertThat(siblings.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith(".plugins.mp-staging-"));
    }

    Federation next = new Federation(Packages.context(project, cache, Map.of(), Reporter.SILENT));
    next.install(InstallPlan.of(List.of(Packages.fromFolder("beta", "1.0.0", beta, null)), Map.of("beta", "*")));
    try (var siblings = Files.list(project.resolve(".claude"))) {
      assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".mp-"));
    }
    assertThat(LockfileCodec.load(project.resolve("plugin-lock.json"), "x").orElseThrow().plugins().get("alpha").version())
        .isEqualTo("1.0.0");
  }

  @Test
  void aProcessKilledAfterTheCommitPointIsFinishedByTheNextRun() throws Exception {
    installFirstVersion();
    Path alpha2 = Packages.plugin(temp.resolve("v2/alpha"), "alpha", "2.0.0");
    Process process = child("committed", "alpha=2.0.0=" + alpha2);
    BufferedReader stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    awaitLine(stderr, "test pause: committed");
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    List<String> warnings = new ArrayList<>();
    Federation next = new Federation(Packages.context(project, cache, Map.of(), warnings::add));
    assertThat(next.listInstalled().rows()).extracting(r -> r.name() + " " + r.version() + " " + r.status())
        .containsExactly("alpha 2.0.0 ok");
    assertThat(warnings).anyMatch(w -> w.contains("interrupted after it was committed"));
    assertThat(next.lockCheck().clean()).isTrue();
  }

  @Test
  void twoConcurrentInstallsBothFinishAndTheSecondWaitsForTheProjectLock() throws Exception {
    installFirstVersion();
    Path beta = Packages.plugin(temp.resolve("v2/beta"), "beta", "1.0.0");
    Path delta = Packages.plugin(temp.resolve("v2/delta"), "delta", "1.0.0");

    Process first = child("staged:1500", "beta=1.0.0=" + beta);
    BufferedReader firstErr = new BufferedReader(new InputStreamReader(first.getErrorStream(), StandardCharsets.UTF_8));
    awaitLine(firstErr, "test pause: staged");
    Process second = child(null, "delta=1.0.0=" + delta);
    BufferedReader secondErr = new BufferedReader(new InputStreamReader(second.getErrorStream(), StandardCharsets.UTF_8));
    List<String> secondLines = awaitLine(secondErr, "installed delta");

    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).isZero();
    assertThat(second.exitValue()).isZero();
    assertThat(secondLines).anyMatch(l -> l.contains("waiting for another mp process to release the project lock"));
    var lockfile = LockfileCodec.load(project.resolve("plugin-lock.json"), "x").orElseThrow();
    assertThat(lockfile.plugins().keySet()).containsExactly("alpha", "beta", "delta");
    assertThat(lockfile.requested().keySet()).containsExactly("alpha", "beta", "delta");
  }

  /**
   * bench/faults.sh: a `lock check` that ran while another process swapped plugins in reported drift
   * (it read the old lockfile and the new folders). It now waits for the project lock.
   */
  @Test
  void aLockCheckWaitsForAnInstallInAnotherProcessAndSeesItsResult() throws Exception {
    installFirstVersion();
    Path beta = Packages.plugin(temp.resolve("v2/beta"), "beta", "1.0.0");
    Process child = child("staged:1500", "beta=1.0.0=" + beta);
    BufferedReader stderr = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8));
    awaitLine(stderr, "test pause: staged");

    List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
    Reporter reporter = new Reporter() {
      @Override
      public void warn(String message) {
        messages.add(message);
      }

      @Override
      public void info(String message) {
        messages.add(message);
      }
    };
    var check = new Federation(Packages.context(project, cache, Map.of(), reporter)).lockCheck();

    assertThat(messages).anyMatch(m -> m.contains("waiting for another mp process to release the project lock"));
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(check.clean()).as(check.toString()).isTrue();
    assertThat(new Federation(Packages.context(project, cache, Map.of(), Reporter.SILENT)).listInstalled().rows())
        .extracting(r -> r.name()).containsExactly("alpha", "beta");
  }
}
