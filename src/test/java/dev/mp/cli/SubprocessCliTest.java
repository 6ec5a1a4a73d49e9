package dev.mp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a real process: exit codes reach the shell, stdout and stderr are separate,
 * {@code --json} leaves exactly one document on stdout.
 */
class SubprocessCliTest {
  @TempDir Path project;

  record Run(int exitCode, String stdout, String stderr) {}

  private Run mp(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("-C");
    command.add(project.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("MP_CACHE_DIR", project.resolve("cache").toString());
    builder.environment().put("NO_COLOR", "1");
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void addThenListThroughARealProcess() throws Exception {
    Run add = mp("registry", "add", "team", "https://plugins.team.dev/index.json", "--priority", "75");
    assertThat(add.exitCode()).isZero();
    assertThat(add.stdout()).isEmpty();
    assertThat(add.stderr()).contains("Added registry `team`");

    Run list = mp("--json", "registry", "list");
    assertThat(list.exitCode()).isZero();
    assertThat(Json.mapper().readTree(list.stdout()).at("/registries/1/name").asText()).isEqualTo("team");
  }

  @Test
  void exitCodesReachTheShell() throws Exception {
    assertThat(mp("registry", "add", "BAD", "./x").exitCode()).isEqualTo(2);
    assertThat(mp("no-such-command").exitCode()).isEqualTo(2);
    assertThat(mp("registry", "remove", "missing").exitCode()).isEqualTo(3);
    Run error = mp("--json", "registry", "remove", "missing");
    assertThat(Json.mapper().readTree(error.stdout()).at("/error/code").asText()).isEqualTo("REGISTRY_NOT_FOUND");
    assertThat(error.stderr()).contains("error: no registry named `missing`");
  }
}
