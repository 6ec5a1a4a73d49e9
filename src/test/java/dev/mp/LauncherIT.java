package dev.mp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./mp} launcher at the repository root runs the shaded jar built by {@code package}. */
class LauncherIT {
  @TempDir Path project;

  private String[] run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of("mp").toAbsolutePath().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
    builder.environment().put("MP_CACHE_DIR", project.resolve("cache").toString());
    Process process = builder.start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new String[] {Integer.toString(process.exitValue()), out, err};
  }

  @Test
  void theLauncherRunsTheShadedJar() throws Exception {
    assertThat(Path.of("target/mp.jar")).exists();
    String[] help = run("--help");
    assertThat(help[0]).as(help[2]).isEqualTo("0");
    assertThat(help[1]).contains("registry", "install", "lock");

    String[] add = run("-C", project.toString(), "registry", "add", "team", "./team", "--priority", "5");
    assertThat(add[0]).as(add[2]).isEqualTo("0");
    assertThat(Files.readString(project.resolve(".claude/registries.json"))).contains("\"team\"");

    String[] bad = run("-C", project.toString(), "registry", "add", "NOPE", "./x");
    assertThat(bad[0]).isEqualTo("2");
    assertThat(bad[2]).contains("invalid registry name");
  }
}
