package dev.mp.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.ErrorCode;
import dev.mp.io.Json;
import dev.mp.io.JsonDocument;
import dev.mp.registry.LoopbackServer;
import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the scripts of {@code action.yml} the way a GitHub runner runs a composite action's steps
 * ({@code bash --noprofile --norc -eo pipefail}, each step's {@code env:} and {@code
 * working-directory}, {@code GITHUB_OUTPUT}, {@code GITHUB_ENV}, {@code GITHUB_PATH} and {@code
 * GITHUB_STEP_SUMMARY} files carried from step to step) on a pull request of a project in a
 * subfolder of a real git repository. mp comes through the project's own wrapper from a loopback
 * Maven repository. The steps that are other actions (setup-java, cache, upload-sarif) are GitHub's
 * and not run; {@code gh}, the GitHub API's command line, is a script that records its arguments.
 */
class ActionIT {
  private static final Path REPO = Path.of("").toAbsolutePath();
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.*?)\\s*}}");

  @TempDir Path temp;
  private final Map<String, String> runnerEnv = new TreeMap<>();
  private final List<String> runnerPath = new ArrayList<>();
  private final Map<String, String> expressions = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> outputs = new TreeMap<>();
  private JsonNode steps;
  private Path workspace;

  private record StepRun(int exitCode, String stdout, String stderr) {
    String output() {
      return stdout + stderr;
    }
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
        "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("git " + String.join(" ", args) + "\n" + out).isZero();
    return out;
  }

  @BeforeEach
  void runner() throws IOException {
    steps = CiRecipesTest.action().at("/runs/steps");
    Path runnerTemp = Files.createDirectories(temp.resolve("runner-temp"));
    runnerEnv.put("HOME", temp.resolve("home").toString());
    runnerEnv.put("LANG", "C.UTF-8");
    runnerEnv.put("RUNNER_TEMP", runnerTemp.toString());
    runnerEnv.put("GITHUB_ENV", Files.createFile(runnerTemp.resolve("github-env")).toString());
    runnerEnv.put("GITHUB_PATH", Files.createFile(runnerTemp.resolve("github-path")).toString());
    runnerEnv.put("GITHUB_STEP_SUMMARY", Files.createFile(runnerTemp.resolve("step-summary.md")).toString());
    runnerPath.addAll(List.of("/usr/local/bin", "/usr/bin", "/bin"));
  }

  /** Runs the step called {@code name} as a runner would, after the steps before it. */
  private StepRun step(String name) throws Exception {
    JsonNode step = CiRecipesTest.step(steps, name);
    Path output = Files.createTempFile(temp, "github-output", "");
    Map<String, String> env = new TreeMap<>(runnerEnv);
    env.put("GITHUB_OUTPUT", output.toString());
    env.put("PATH", String.join(":", runnerPath));
    step.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), evaluate(e.getValue().asText())));
    Path dir = workspace.resolve(evaluate(step.path("working-directory").asText(".")));
    Path script = Files.writeString(Files.createTempFile(temp, "step", ".sh"), step.get("run").asText());
    ProcessBuilder builder = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString())
        .directory(dir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Path out = Files.createTempFile(temp, "out", ".txt");
    Path err = Files.createTempFile(temp, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(name).isTrue();
    // What the runner does between steps: outputs, GITHUB_ENV into the environment, GITHUB_PATH first on PATH.
    Map<String, String> stepOutputs = new TreeMap<>();
    for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
      stepOutputs.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
    }
    if (step.has("id")) {
      outputs.put(step.get("id").asText(), stepOutputs);
    }
    for (String line : Files.readAllLines(Path.of(runnerEnv.get("GITHUB_ENV")), StandardCharsets.UTF_8)) {
      runnerEnv.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
    }
    for (String line : Files.readAllLines(Path.of(runnerEnv.get("GITHUB_PATH")), StandardCharsets.UTF_8)) {
      if (!runnerPath.contains(line)) {
        runnerPath.add(0, line);
      }
    }
    return new StepRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** {@code ${{ x }}} of the step's env and working-directory, from the test's values and earlier outputs. */
  private String evaluate(String text) {
    Matcher m = EXPRESSION.matcher(text);
    StringBuilder result = new StringBuilder();
    while (m.find()) {
      String expression = m.group(1);
      String value;
      if (expressions.containsKey(expression)) {
        value = expressions.get(expression);
      } else if (expression.startsWith("steps.")) {
        String[] parts = expression.split("\\.");
        value = outputs.getOrDefault(parts[1], Map.of()).getOrDefault(parts[3], "");
      } else {
        throw new AssertionError("the test gives no value for `" + expression + "`");
      }
      m.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    m.appendTail(result);
    return result.toString();
  }

  /** A fake `gh` that records its arguments and answers the comment lookup with {@code existingId}. */
  private Path gh(String existingId) throws IOException {
    Path bin = Files.createDirectories(temp.resolve("gh-bin"));
    Path log = temp.resolve("gh.log");
    Files.writeString(bin.resolve("gh"), "#!/bin/sh\n"
        + "for a in \"$@\"; do printf '%s\\n' \"$a\"; done >> '" + log + "'\n"
        + "printf -- '--\\n' >> '" + log + "'\n"
        + "case \"$*\" in *--paginate*) printf '%s\\n' '" + existingId + "' ;; esac\n");
    bin.resolve("gh").toFile().setExecutable(true);
    runnerPath.add(0, bin.toString());
    return log;
  }

  @Test
  void onAPullRequestTheActionSetsUpMpInstallsEnforcesAndCommentsTheDiff() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/jq")) || Files.isExecutable(Path.of("/usr/local/bin/jq")),
        "jq (on every GitHub runner) is not installed");
    byte[] jar = Files.readAllBytes(Path.of("target/mp.jar"));
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));
    try (LoopbackServer maven = LoopbackServer.start()) {
      String jarPath = "/maven2/dev/mp/mp/0.1.0/mp-0.1.0.jar";
      maven.on(jarPath, exchange -> LoopbackServer.send(exchange, 200, jar, "application/java-archive"));

      // origin: main holds the project without `changelog-writer`; the pull request adds it back.
      Path origin = temp.resolve("origin");
      Path project = origin.resolve("plugins-project");
      TestFiles.copyQuickstart(REPO, project);
      Path lockfile = project.resolve("plugin-lock.json");
      String fullLock = Files.readString(lockfile);
      ObjectNode base = (ObjectNode) JsonDocument.parseJson("lock", fullLock.getBytes(StandardCharsets.UTF_8),
          ErrorCode.LOCKFILE_ERROR).root().deepCopy();
      ((ObjectNode) base.get("plugins")).remove("changelog-writer");
      ((ObjectNode) base.get("requested")).remove("changelog-writer");
      Files.writeString(lockfile, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(base) + "\n");
      git(origin, "init", "-q");
      git(origin, "add", "-A");
      git(origin, "commit", "-qm", "base");
      workspace = temp.resolve("workspace");
      git(temp, "clone", "-q", "--depth", "1", origin.toUri().toString(), workspace.toString());
      git(workspace, "checkout", "-q", "-b", "pull-request");
      Files.writeString(workspace.resolve("plugins-project/plugin-lock.json"), fullLock);
      Cli.Result pinned = new Cli(workspace.resolve("plugins-project"), temp.resolve("pin-cache"))
          .run("wrapper", "--version", "0.1.0", "--sha256", sha256, "--repository-url", maven.url("/maven2"));
      assertThat(pinned.exitCode()).as(pinned.toString()).isZero();

      expressions.put("inputs.working-directory", "plugins-project");
      expressions.put("github.action_path", REPO.toString());
      expressions.put("inputs.check", "auto");
      expressions.put("github.base_ref", "main");
      expressions.put("inputs.github-token", "gh-token-value");
      expressions.put("github.event.pull_request.number", "7");
      expressions.put("github.repository", "example/plugins");

      StepRun java = step("Find Java 17 or newer");
      assertThat(java.exitCode()).as(java.output()).isZero();
      assertThat(outputs.get("java")).containsEntry("found", "true");

      assertThat(step("Choose the mp cache").exitCode()).isZero();
      assertThat(runnerEnv).containsKeys("MP_CACHE_DIR", "MP_STATE_DIR");

      StepRun setup = step("Set up mp (the project's ./mpw when it has one, else this action's pinned wrapper)");
      assertThat(setup.exitCode()).as(setup.output()).isZero();
      assertThat(setup.stdout()).startsWith("mp 0.1.0 (commit ");
      assertThat(maven.count(jarPath)).isEqualTo(1);

      StepRun firstCheck = step("Check the installed plugins against the lockfile");
      assertThat(firstCheck.exitCode()).as(firstCheck.output()).isZero();
      assertThat(firstCheck.stdout()).contains("nothing to check");

      StepRun install = step("Install exactly the lockfile");
      assertThat(install.exitCode()).as(install.output()).isZero();
      StepRun check = step("Check the installed plugins against the lockfile");
      assertThat(check.exitCode()).as(check.output()).isZero();
      assertThat(check.stderr()).contains("match `plugin-lock.json`");

      // A violation, so the report has a location to place in the repository.
      Path policy = workspace.resolve("plugins-project/.claude/policies/plugins.yaml");
      Files.writeString(policy, Files.readString(policy).replace("rules:\n",
          "rules:\n  - action: deny\n    plugins: [\"changelog-writer\"]\n    reason: \"not reviewed yet\"\n"));
      StepRun enforce = step("Enforce the policy");
      assertThat(enforce.exitCode()).as(enforce.output()).isZero();
      assertThat(outputs.get("enforce")).containsEntry("exit-code", "1");
      JsonNode sarif = JsonDocument.parseJson("sarif", Files.readAllBytes(Path.of(outputs.get("enforce").get("sarif-file"))),
          ErrorCode.CONFIG_ERROR).root();
      assertThat(sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
          .isEqualTo("plugins-project/plugin-lock.json");
      StepRun fail = step("Fail on policy violations");
      assertThat(fail.exitCode()).isEqualTo(1);
      assertThat(fail.stdout()).contains("::error::mp policy enforce found violations");

      StepRun diff = step("Lockfile diff against the base branch");
      assertThat(diff.exitCode()).as(diff.output()).isZero();
      String markdown = Files.readString(Path.of(outputs.get("diff").get("diff-file")));
      assertThat(markdown).contains("changelog-writer", "1 plugin(s) affected");
      assertThat(Files.readString(Path.of(runnerEnv.get("GITHUB_STEP_SUMMARY")))).isEqualTo(markdown);

      Path log = gh("");
      StepRun comment = step("Comment the lockfile diff on the pull request");
      assertThat(comment.exitCode()).as(comment.output()).isZero();
      String calls = Files.readString(log);
      assertThat(calls).contains("api\n--paginate\nrepos/example/plugins/issues/7/comments\n",
          "api\n--method\nPOST\nrepos/example/plugins/issues/7/comments\n-f\nbody=<!-- mp lock diff -->\n");
      assertThat(calls).contains("changelog-writer").doesNotContain("gh-token-value");

      Files.delete(log);
      gh("4242");
      assertThat(step("Comment the lockfile diff on the pull request").exitCode()).isZero();
      assertThat(Files.readString(log)).contains("api\n--method\nPATCH\nrepos/example/plugins/issues/comments/4242\n");
      assertThat(maven.count(jarPath)).isEqualTo(1);
    }
  }
}
