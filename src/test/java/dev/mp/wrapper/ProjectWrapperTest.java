package dev.mp.wrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.Context;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.registry.LoopbackServer;
import dev.mp.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mp wrapper}: which checksum it pins, what it writes, and what it refuses. */
class ProjectWrapperTest {
  private static final String SHA = "c".repeat(64);

  @TempDir Path project;
  @TempDir Path cache;

  private ProjectWrapper wrapper(Map<String, String> env, Optional<Path> runningJar) {
    return new ProjectWrapper(Context.of(project, env).withCacheDir(cache), "0.1.0", runningJar);
  }

  private static WrapperRequest request(String version, String sha256, String repository, String token) {
    return new WrapperRequest(Optional.ofNullable(version), Optional.ofNullable(sha256), Optional.ofNullable(repository),
        Optional.ofNullable(token));
  }

  @Test
  void writesTheRepositoryScriptExecutableAndThePin() throws IOException {
    WrapperResult result = wrapper(Map.of(), Optional.empty()).write(request("0.1.0", SHA.toUpperCase(), null, null));

    assertThat(result.checksumSource()).isEqualTo(WrapperResult.ChecksumSource.GIVEN);
    assertThat(result.written()).containsExactly("mpw", ".mp/wrapper.properties");
    assertThat(Files.readAllBytes(project.resolve("mpw"))).isEqualTo(Files.readAllBytes(Path.of("mpw")));
    assertThat(Files.isExecutable(project.resolve("mpw"))).isTrue();
    assertThat(Files.readString(project.resolve(".mp/wrapper.properties"))).isEqualTo(
        "# The mp that ./mpw runs, pinned by version and sha256 (written by `mp wrapper`).\n"
            + "version=0.1.0\nsha256=" + SHA + "\nrepositoryUrl=https://repo.maven.apache.org/maven2\n");

    WrapperResult again = wrapper(Map.of(), Optional.empty()).write(request(null, null, null, null));
    assertThat(again.checksumSource()).isEqualTo(WrapperResult.ChecksumSource.PINNED);
    assertThat(again.written()).isEmpty();
  }

  @Test
  void theRunningVersionIsPinnedWithTheRunningJarsChecksum() throws IOException {
    Path jar = Files.write(cache.resolve("mp.jar"), "not really a jar".getBytes(StandardCharsets.UTF_8));

    WrapperResult result = wrapper(Map.of(), Optional.of(jar)).write(request(null, null, null, null));

    assertThat(result.checksumSource()).isEqualTo(WrapperResult.ChecksumSource.RUNNING_JAR);
    assertThat(result.properties().sha256()).isEqualTo(MavenRepository.sha256(Files.readAllBytes(jar)));
    assertThat(result.properties().version()).isEqualTo("0.1.0");
  }

  @Test
  void anotherVersionTakesTheChecksumTheRepositoryPublishesSendingTheTokenOnlyAsAHeader() throws IOException {
    String token = "t0ken-for-the-mirror";
    try (LoopbackServer server = LoopbackServer.start()) {
      server.on("/repo/dev/mp/mp/0.2.0/mp-0.2.0.jar.sha256", LoopbackServer.requiresToken(token, exchange ->
          LoopbackServer.send(exchange, 200, (SHA.toUpperCase() + "  mp-0.2.0.jar\n").getBytes(StandardCharsets.UTF_8),
              "text/plain")));
      Cli.Result result = new Cli(project, cache).env("MIRROR_TOKEN", token)
          .run("--json", "wrapper", "--version", "0.2.0", "--repository-url", server.url("/repo"),
              "--token-variable", "MIRROR_TOKEN");

      assertThat(result.exitCode()).as(result.toString()).isZero();
      JsonNode json = result.json();
      assertThat(json.get("checksumSource").asText()).isEqualTo("repository");
      assertThat(json.get("sha256").asText()).isEqualTo(SHA);
      assertThat(result.stdout() + result.stderr()).doesNotContain(token);
      assertThat(Files.readString(project.resolve(".mp/wrapper.properties")))
          .contains("version=0.2.0", "tokenVariable=MIRROR_TOKEN").doesNotContain(token);
      assertThat(server.requests()).singleElement()
          .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + token));
    }
  }

  @Test
  void aChecksumTheRepositoryDoesNotHaveIsUnavailable() {
    try (LoopbackServer server = LoopbackServer.start()) {
      server.on("/repo/dev/mp/mp/0.3.0/mp-0.3.0.jar.sha256", LoopbackServer.status(404));
      server.on("/repo/dev/mp/mp/0.4.0/mp-0.4.0.jar.sha256", LoopbackServer.json("<html>not a checksum</html>"));

      assertThatThrownBy(() -> wrapper(Map.of(), Optional.empty()).write(request("0.3.0", null, server.url("/repo"), null)))
          .isInstanceOfSatisfying(MpException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PACKAGE_UNAVAILABLE);
            assertThat(e.getMessage()).contains("mp-0.3.0.jar.sha256", "404");
            assertThat(e.hint()).contains("--sha256");
          });
      assertThatThrownBy(() -> wrapper(Map.of(), Optional.empty()).write(request("0.4.0", null, server.url("/repo"), null)))
          .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.getMessage()).contains("not a SHA-256 checksum"));
      assertThat(project.resolve("mpw")).doesNotExist();
      assertThat(project.resolve(".mp")).doesNotExist();
    }
  }

  @Test
  void aFileRepositoryIsReadDirectly() throws IOException {
    Path repository = Files.createDirectories(cache.resolve("m2/dev/mp/mp/0.5.0"));
    Files.writeString(repository.resolve("mp-0.5.0.jar.sha256"), SHA);

    WrapperResult result = wrapper(Map.of(), Optional.empty())
        .write(request("0.5.0", null, cache.resolve("m2").toUri().toString(), null));

    assertThat(result.properties().sha256()).isEqualTo(SHA);
    assertThat(result.checksumSource()).isEqualTo(WrapperResult.ChecksumSource.REPOSITORY);
  }

  @Test
  void badValuesAreRefusedBeforeAnythingIsWritten() {
    assertThatThrownBy(() -> wrapper(Map.of(), Optional.empty()).write(request("0.1.0", "abc", null, null)))
        .hasMessageContaining("`sha256` must be 64 lowercase hex digits");
    assertThatThrownBy(() -> wrapper(Map.of(), Optional.empty())
        .write(request("0.1.0", SHA, "https://me:secret@mirror.example.com/maven", null)))
        .hasMessageContaining("must not contain credentials").hasMessageNotContaining("secret");
    assertThatThrownBy(() -> wrapper(Map.of(), Optional.empty()).write(request("0.1.0", SHA, "ftp://mirror", null)))
        .hasMessageContaining("http(s) or file URL");
    assertThatThrownBy(() -> wrapper(Map.of(), Optional.empty()).write(request("0.1.0", SHA, null, "NOT-A-NAME")))
        .hasMessageContaining("must name an environment variable");
    assertThatThrownBy(() -> wrapper(Map.of(), Optional.empty()).write(request("0.1.0; rm -rf /", SHA, null, null)))
        .hasMessageContaining("not a version");
    assertThat(project.resolve("mpw")).doesNotExist();
  }

  @Test
  void anEmptyTokenVariableRemovesThePinnedOne() throws IOException {
    wrapper(Map.of(), Optional.empty()).write(request("0.1.0", SHA, null, "MIRROR_TOKEN"));
    assertThat(Files.readString(project.resolve(".mp/wrapper.properties"))).contains("tokenVariable=MIRROR_TOKEN");

    wrapper(Map.of(), Optional.empty()).write(request(null, null, null, ""));
    assertThat(Files.readString(project.resolve(".mp/wrapper.properties"))).doesNotContain("tokenVariable");
  }
}
