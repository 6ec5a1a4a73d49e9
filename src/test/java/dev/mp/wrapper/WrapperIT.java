package dev.mp.wrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mp.registry.LoopbackServer;
import dev.mp.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mpw}, the wrapper script, run by {@code dash} and {@code bash} against a loopback HTTP server
 * laid out like a Maven repository that serves the jar {@code package} built: it downloads once and
 * verifies before use, refuses a wrong checksum or a cut download with nothing cached, survives two
 * first runs at once, sends a mirror's token only in a header, and says clearly what is missing.
 */
class WrapperIT {
  @TempDir Path temp;
  private Path project;
  private MavenRepository repository;

  @BeforeEach
  void project() throws IOException {
    project = Files.createDirectories(temp.resolve("project"));
    repository = MavenRepository.ofBuiltJar();
  }

  @AfterEach
  void stop() {
    repository.close();
  }

  /** Writes mpw and the properties with `mp wrapper`, pinning {@code sha256} and the loopback repository. */
  private void pin(String sha256, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("wrapper", "--version", MavenRepository.VERSION,
        "--sha256", sha256, "--repository-url", repository.url()));
    args.addAll(List.of(more));
    Cli.Result result = new Cli(project, temp.resolve("mp-cache")).run(args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  private Mpw mpw(String shell) {
    return new Mpw(Shells.require(shell), project, temp.resolve("home"));
  }

  private Path dist(Mpw mpw, String sha256) {
    return mpw.cache().resolve("dists/mp-" + MavenRepository.VERSION + "-" + sha256);
  }

  /** Every file under the cache: after a refusal there is none (no jar, no temp file). */
  private static List<String> files(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dash", "bash"})
  void theFirstRunDownloadsAndVerifiesTheSecondDownloadsNothing(String shell) throws IOException {
    repository.serve(repository.whole());
    pin(repository.sha256);
    Mpw mpw = mpw(shell);

    Mpw.Result first = mpw.run("--version");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.stdout()).startsWith("mp " + MavenRepository.VERSION + " (commit ");
    assertThat(first.stderr()).contains("Downloading mp 0.1.0 from " + repository.url(), "Verified sha256");
    assertThat(repository.jarRequests()).isEqualTo(1);
    Path jar = dist(mpw, repository.sha256).resolve("mp-0.1.0.jar");
    assertThat(MavenRepository.sha256(Files.readAllBytes(jar))).isEqualTo(repository.sha256);
    assertThat(files(mpw.cache())).containsExactly(
        "dists/mp-0.1.0-" + repository.sha256 + "/mp-0.1.0.jar", "dists/mp-0.1.0-" + repository.sha256 + "/mp.jsa");

    Mpw.Result second = mpw.run("-C", project.toString(), "registry", "list");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.stdout()).contains("local", "public");
    assertThat(second.stderr()).doesNotContain("Downloading");
    assertThat(repository.jarRequests()).isEqualTo(1);
    String dist = "dists/mp-0.1.0-" + repository.sha256;
    assertThat(files(mpw.cache())).as("the first registry list leaves the archive of its own classes")
        .containsExactly(dist + "/mp-0.1.0.jar", dist + "/mp-registry-list.jsa", dist + "/mp.jsa");

    Mpw.Result third = mpw.run("-C", project.toString(), "registry", "list");
    assertThat(third.stdout()).as(third.toString()).isEqualTo(second.stdout());
    Mpw.Result failing = mpw.run("-C", project.toString(), "resolve", "no-such-plugin");
    assertThat(failing.exitCode()).as(failing.toString()).isNotZero();
    assertThat(files(mpw.cache()).stream().filter(f -> f.startsWith("dists/"))).as("a failed first run keeps no archive")
        .containsExactly(dist + "/mp-0.1.0.jar", dist + "/mp-registry-list.jsa", dist + "/mp.jsa");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dash", "bash"})
  void aWrongChecksumIsRefusedWithNothingCached(String shell) throws IOException {
    repository.serve(repository.whole());
    String wrong = "0".repeat(64);
    pin(wrong);
    Mpw mpw = mpw(shell);

    Mpw.Result result = mpw.run("--version");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stderr()).contains("error: checksum mismatch for `" + repository.url(),
        "expected sha256 " + wrong + ", got " + repository.sha256, "nothing was cached", "hint: ");
    assertThat(result.stdout()).isEmpty();
    assertThat(files(mpw.cache())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dash", "bash"})
  void aDownloadCutShortIsRefusedWithNothingCached(String shell) throws IOException {
    repository.serve(repository.cutShort());
    pin(repository.sha256);
    Mpw mpw = mpw(shell);

    Mpw.Result result = mpw.run("--version");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
    assertThat(result.stderr()).contains("error: failed to download mp 0.1.0 from `" + repository.url(),
        "nothing was cached");
    assertThat(files(mpw.cache())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dash", "bash"})
  void aShortBodyThatLooksCompleteFailsTheChecksum(String shell) throws IOException {
    repository.serve(repository.half());
    pin(repository.sha256);
    Mpw mpw = mpw(shell);

    Mpw.Result result = mpw.run("--version");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stderr()).contains("checksum mismatch", "nothing was cached");
    assertThat(files(mpw.cache())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dash", "bash"})
  void twoFirstRunsAtOnceEndWithOneGoodJar(String shell) throws IOException {
    repository.serve(LoopbackServer.slow(700, repository.whole()));
    pin(repository.sha256);
    Mpw mpw = mpw(shell);

    Mpw.Running one = mpw.start("--version");
    Mpw.Running two = mpw.start("--version");
    Mpw.Result first = Mpw.finish(one);
    Mpw.Result second = Mpw.finish(two);

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(first.stdout()).isEqualTo(second.stdout()).startsWith("mp 0.1.0");
    assertThat(repository.jarRequests()).isEqualTo(2);
    String dist = "dists/mp-0.1.0-" + repository.sha256;
    assertThat(files(mpw.cache())).containsExactly(dist + "/mp-0.1.0.jar", dist + "/mp.jsa");
    assertThat(MavenRepository.sha256(Files.readAllBytes(mpw.cache().resolve(dist + "/mp-0.1.0.jar"))))
        .isEqualTo(repository.sha256);
  }

  // The cases below pay for a first run each (the class-data archive is made then): one shell each.

  @ParameterizedTest
  @ValueSource(strings = "bash")
  void aMirrorGetsItsTokenInAHeaderAndTheTokenIsNeverPrinted(String shell) throws IOException {
    String token = "mirror-s3cret-7f2a";
    repository.serve(LoopbackServer.requiresToken(token, repository.whole()));
    pin(repository.sha256, "--token-variable", "MIRROR_TOKEN");
    assertThat(Files.readString(project.resolve(".mp/wrapper.properties"))).contains("tokenVariable=MIRROR_TOKEN")
        .doesNotContain(token);
    Mpw mpw = mpw(shell).env("MIRROR_TOKEN", token);

    Mpw.Result result = mpw.run("--version");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(repository.server.requests()).filteredOn(r -> r.path().equals(repository.jarPath()))
        .singleElement().satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + token));
    assertThat(result.stdout() + result.stderr()).doesNotContain(token);

    Mpw.Result without = mpw(shell).env("HOME", temp.resolve("other-home").toString())
        .env("MP_CACHE_DIR", temp.resolve("other-cache").toString()).run("--version");
    assertThat(without.exitCode()).as(without.toString()).isEqualTo(3);
    assertThat(without.stderr()).contains("failed to download", "401");
  }

  @ParameterizedTest
  @ValueSource(strings = "dash")
  void withoutCurlWgetDownloadsButATokenNeedsCurl(String shell) throws IOException {
    assumeTrue(Shells.find("wget").isPresent(), "wget is not installed");
    repository.serve(repository.whole());
    pin(repository.sha256);
    Path bin = Shells.pathWith(temp.resolve("bin"), "java", "wget", "sha256sum", "mkdir", "mv", "rm");
    Mpw mpw = mpw(shell).env("PATH", bin.toString());

    Mpw.Result result = mpw.run("--version");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(repository.jarRequests()).isEqualTo(1);

    pin(repository.sha256, "--token-variable", "MIRROR_TOKEN");
    Mpw.Result token = mpw(shell).env("PATH", bin.toString()).env("MP_CACHE_DIR", temp.resolve("c2").toString())
        .env("MIRROR_TOKEN", "abc").run("--version");
    assertThat(token.exitCode()).as(token.toString()).isEqualTo(3);
    assertThat(token.stderr()).contains("needs `curl`", "hint: install curl").doesNotContain("abc");
    assertThat(repository.jarRequests()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dash", "bash"})
  void withoutJavaItSaysSoAndDownloadsNothing(String shell) throws IOException {
    repository.serve(repository.whole());
    pin(repository.sha256);
    Path bin = Shells.pathWith(temp.resolve("bin"), "curl", "sha256sum", "mkdir", "mv", "rm");

    Mpw.Result result = mpw(shell).env("PATH", bin.toString()).env("JAVA_HOME", null).run("--version");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
    assertThat(result.stderr()).contains("error: no `java` on the PATH and JAVA_HOME is not set",
        "hint: install a JDK 17 or newer");

    Mpw.Result badHome = mpw(shell).env("JAVA_HOME", temp.resolve("no-jdk").toString()).run("--version");
    assertThat(badHome.exitCode()).as(badHome.toString()).isEqualTo(3);
    assertThat(badHome.stderr()).contains("JAVA_HOME is `" + temp.resolve("no-jdk") + "`, which has no `bin/java`");
    assertThat(repository.jarRequests()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dash", "bash"})
  void badPropertiesAreUsageErrorsNamingTheProblem(String shell) throws IOException {
    repository.serve(repository.whole());
    pin(repository.sha256);
    Path properties = project.resolve(".mp/wrapper.properties");
    String good = Files.readString(properties);

    Files.writeString(properties, good + "oops\n");
    Mpw.Result noEquals = mpw(shell).run("--version");
    assertThat(noEquals.exitCode()).isEqualTo(2);
    assertThat(noEquals.stderr()).contains("wrapper.properties` line 5: expected `key=value`");

    Files.writeString(properties, good.replace(repository.sha256, repository.sha256.substring(1)));
    Mpw.Result shortSha = mpw(shell).run("--version");
    assertThat(shortSha.exitCode()).isEqualTo(2);
    assertThat(shortSha.stderr()).contains("`sha256` must be 64 lowercase hex digits");

    Files.writeString(properties, good.replace("repositoryUrl=http://", "repositoryUrl=http://user:pw@"));
    Mpw.Result credentials = mpw(shell).run("--version");
    assertThat(credentials.exitCode()).isEqualTo(2);
    assertThat(credentials.stderr()).contains("must not contain credentials").doesNotContain("pw@");

    // Read to the end (a CRLF checkout): the download happens and its checksum is checked.
    Files.writeString(properties, good.replace(repository.sha256, "f".repeat(64)).replace("\n", "\r\n"));
    Mpw.Result crlf = mpw(shell).run("--version");
    assertThat(crlf.exitCode()).as(crlf.toString()).isEqualTo(1);
    assertThat(crlf.stderr()).contains("expected sha256 " + "f".repeat(64) + ", got " + repository.sha256 + " ");
    assertThat(repository.jarRequests()).isEqualTo(1);
  }

  /** "Later runs fork nothing before java": strace shows no fork, vfork or clone before java's execve. */
  @Test
  void aLaterRunStartsNothingButJava() throws IOException {
    assumeTrue(Shells.find("strace").isPresent(), "strace is not installed");
    repository.serve(repository.whole());
    pin(repository.sha256);
    Mpw mpw = mpw("dash");
    assertThat(mpw.run("--version").exitCode()).isZero();

    Path trace = temp.resolve("trace.txt");
    Mpw traced = new Mpw(Shells.find("strace").get().toString(), project, temp.resolve("home"));
    traced.env.putAll(mpw.env);
    // strace -f -e trace=process -o FILE dash mpw --version
    Mpw.Result result = Mpw.finish(startTraced(traced, trace, mpw.shell));
    assertThat(result.exitCode()).as(result.toString()).isZero();

    List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
    int javaStarts = -1;
    for (int i = 0; i < lines.size() && javaStarts < 0; i++) {
      if (lines.get(i).contains("execve(") && lines.get(i).contains("java") && lines.get(i).endsWith("= 0")) {
        javaStarts = i;
      }
    }
    assertThat(javaStarts).as(String.join("\n", lines)).isPositive();
    assertThat(lines.subList(0, javaStarts)).noneMatch(l -> l.matches(".*\\b(fork|vfork|clone|clone3)\\(.*"));
  }

  private static Mpw.Running startTraced(Mpw traced, Path trace, String shell) {
    try {
      ProcessBuilder builder = new ProcessBuilder(traced.shell, "-f", "-e", "trace=process", "-o", trace.toString(),
          shell, traced.project.resolve("mpw").toString(), "--version").directory(traced.project.toFile());
      builder.environment().clear();
      builder.environment().putAll(traced.env);
      Path out = Files.createTempFile("mpw-out", ".txt");
      Path err = Files.createTempFile("mpw-err", ".txt");
      return new Mpw.Running(builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out, err,
          "strace mpw --version");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
