package dev.mp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion script really completes, in a real bash. */
class CompletionTest {
  @TempDir Path temp;

  private String complete(Path script, String... words) throws Exception {
    String array = String.join(" ", words);
    String command = "source '" + script + "'; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
        + "; COMP_LINE='" + array + "'; _complete_mp 2>/dev/null; echo \"${COMPREPLY[@]}\"";
    Process process = new ProcessBuilder("bash", "-c", command).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void completesCommandsAndSubcommandsInBash() throws Exception {
    Cli.Result result = new Cli(temp, temp.resolve("cache")).run("completion", "bash");
    assertThat(result.exitCode()).isZero();
    Path script = TestFiles.write(temp.resolve("mp.bash"), result.stdout());
    assertThat(complete(script, "mp", "reg")).isEqualTo("registry");
    assertThat(complete(script, "mp", "lock", "d")).isEqualTo("diff");
    assertThat(complete(script, "mp", "registry", "s")).contains("sync", "sign");
  }

  @Test
  void theZshScriptLoadsBashCompletionSupport() {
    Cli.Result result = new Cli(temp, temp.resolve("cache")).run("completion", "zsh");
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("ZSH_VERSION", "bashcompinit", "complete -F _complete_mp");
  }
}
