package dev.mp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.Context;
import dev.mp.Federation;
import dev.mp.Reporter;
import dev.mp.Terminal;
import dev.mp.install.Packages;
import dev.mp.integrity.Integrity;
import dev.mp.integrity.TreeHash;
import dev.mp.registry.client.SyncListener;
import dev.mp.registry.client.SyncStatus;
import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OIDC end to end (DESIGN.md §6): a registry on loopback that accepts only bearer tokens its issuer
 * handed out by the client-credentials grant, for the index and for package downloads, through the real
 * command line; a refused token is refreshed once; tokens never reach any file or output.
 */
class OidcRegistryTest {
  @TempDir Path temp;
  private OidcTestServer server;
  private Path project;
  private final List<Cli.Result> results = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new OidcTestServer();
    project = temp.resolve("project");
    Path source = Packages.plugin(temp.resolve("src/gamma"), "gamma", "1.2.0");
    byte[] archive = Packages.tgz(Packages.entriesOf(source, "package/"));
    server.servePackage("gamma-1.2.0.tgz", archive);
    server.indexBody = "{\"version\": 1, \"plugins\": {\"gamma\": {\"name\": \"gamma\", \"version\": \"1.2.0\","
        + " \"integrity\": \"" + TreeHash.of(source) + "\", \"archiveIntegrity\": \"" + Integrity.of(archive, "sha512-")
        + "\", \"resolved\": \"packages/gamma-1.2.0.tgz\"}}}";
    TestFiles.write(project.resolve(".claude/registries.json"), "{\"registries\": [{\"name\": \"team\", \"url\": \""
        + server.base() + "/index.json\", \"priority\": 50, \"auth\": \"oidc:" + server.base() + "\"}]}\n");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Cli.Result run(String... args) {
    Cli.Result result = new Cli(project, temp.resolve("cache"))
        .env("MP_OIDC_CLIENT_ID", OidcTestServer.CLIENT_ID)
        .env("MP_OIDC_CLIENT_SECRET", OidcTestServer.CLIENT_SECRET)
        .env("MP_STATE_DIR", temp.resolve("state").toString())
        .run(args);
    results.add(result);
    return result;
  }

  @Test
  void theIndexAndThePackageAreFetchedWithOneTokenFromTheIssuer() {
    Cli.Result install = run("install", "gamma");

    assertThat(install.exitCode()).as(install.toString()).isZero();
    assertThat(project.resolve(".claude/plugins/gamma/.claude-plugin/plugin.json")).exists();
    assertThat(server.tokenRequests.get()).as("one token serves the index and the package").isEqualTo(1);
    assertThat(server.refusedRequests.get()).isZero();
    assertThat(server.packageRequests.get()).isEqualTo(1);
  }

  @Test
  void aPackageDownloadRefusedWithA401GetsAFreshTokenOnce() {
    server.revokeAfterEachServe = true;

    Cli.Result install = run("install", "gamma");

    assertThat(install.exitCode()).as(install.toString()).isZero();
    assertThat(server.refusedRequests.get()).isEqualTo(1);
    assertThat(server.tokenRequests.get()).isEqualTo(2);
    assertThat(server.packageRequests.get()).isEqualTo(2);
  }

  @Test
  void anIndexFetchRefusedWithA401GetsAFreshTokenOnce() {
    Map<String, String> env = Map.of("MP_OIDC_CLIENT_ID", OidcTestServer.CLIENT_ID,
        "MP_OIDC_CLIENT_SECRET", OidcTestServer.CLIENT_SECRET, "MP_STATE_DIR", temp.resolve("state").toString());
    Federation federation = new Federation(new Context(project, temp.resolve("cache"), false,
        Clock.fixed(Cli.NOW, ZoneOffset.UTC), env, Reporter.SILENT, Terminal.NONE));
    assertThat(federation.syncRegistries(List.of(), SyncListener.NONE).allSynced()).isTrue();
    server.revokeAll();

    // Same run, cached token: the registry refuses it, mp fetches a new one and asks again.
    assertThat(federation.syncRegistries(List.of(), SyncListener.NONE).outcomes().get(0).status())
        .isIn(SyncStatus.OK, SyncStatus.UNCHANGED);
    assertThat(server.tokenRequests.get()).isEqualTo(2);
    assertThat(server.indexRequests.get()).isEqualTo(3);
  }

  @Test
  void wrongClientCredentialsAreAClearErrorWithoutTheSecret() {
    server.echoSecretInErrors = true;
    Cli.Result result = new Cli(project, temp.resolve("cache"))
        .env("MP_OIDC_CLIENT_ID", OidcTestServer.CLIENT_ID)
        .env("MP_OIDC_CLIENT_SECRET", "wrong-secret-value-42")
        .env("MP_STATE_DIR", temp.resolve("state").toString())
        .run("registry", "test", "team");

    assertThat(result.exitCode()).as(result.toString()).isIn(2, 3);
    assertThat(result.stderr()).contains("error:").doesNotContain("wrong-secret-value-42").doesNotContain("Exception");
    assertThat(result.stdout()).doesNotContain("wrong-secret-value-42");
  }

  @Test
  void tokensNeverReachAnyFileOrOutput() throws IOException {
    server.revokeAfterEachServe = true;
    assertThat(run("registry", "sync").exitCode()).isZero();
    assertThat(run("registry", "test", "team", "--json").exitCode()).isZero();
    assertThat(run("install", "gamma").exitCode()).isZero();
    assertThat(run("resolve", "gamma", "--json", "--explain").exitCode()).isZero();
    assertThat(run("lock", "install").exitCode()).isZero();
    assertThat(run("--verbose", "lock", "check").exitCode()).isZero();
    assertThat(run("policy", "enforce", "--format", "json").exitCode()).isZero();
    server.revokeAll();
    run("registry", "list", "--json");
    List<String> secrets = new ArrayList<>(server.issuedTokens);
    secrets.add(OidcTestServer.CLIENT_SECRET);
    assertThat(server.issuedTokens).as("sync, test and the package download each got one").hasSize(3);

    List<Path> files = new ArrayList<>();
    for (Path root : List.of(project, temp.resolve("cache"), temp.resolve("state"))) {
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile).sorted().forEach(files::add);
      }
    }
    assertThat(files).anyMatch(f -> f.endsWith("plugin-lock.json"))
        .anyMatch(f -> f.endsWith("federation-audit.jsonl") || f.endsWith("index.json"));
    for (Path file : files) {
      String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (String secret : secrets) {
        assertThat(content).as(file.toString()).doesNotContain(secret);
      }
    }
    for (Cli.Result result : results) {
      for (String secret : secrets) {
        assertThat(result.stdout() + result.stderr()).doesNotContain(secret);
      }
    }
  }

  @Test
  void credentialsAreNeverSentOverPlainHttpToAnotherMachine() {
    TestFiles.write(project.resolve(".claude/registries.json"), "{\"registries\": ["
        + "{\"name\": \"team\", \"url\": \"http://plugins.example.invalid/index.json\", \"priority\": 50,"
        + " \"auth\": \"token:TEAM_TOKEN\"}]}\n");
    Cli.Result result = new Cli(project, temp.resolve("cache")).env("TEAM_TOKEN", "plain-http-token-9")
        .run("registry", "test", "team");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stderr()).contains("refusing to send the credentials of registry `team` (`token:TEAM_TOKEN`)"
        + " over plain http to `plugins.example.invalid`").doesNotContain("plain-http-token-9");
  }

  @Test
  void aPlainHttpIssuerIsAcceptedOnlyOnLoopback() {
    Cli.Result remote = new Cli(project, temp.resolve("cache"))
        .run("registry", "add", "other", "https://plugins.example.invalid/index.json", "--auth",
            "oidc:http://issuer.example.invalid");
    assertThat(remote.exitCode()).as(remote.toString()).isEqualTo(2);
    assertThat(remote.stderr()).contains("invalid auth");

    Cli.Result loopback = new Cli(project, temp.resolve("cache"))
        .run("registry", "add", "other", "https://plugins.example.invalid/index.json", "--auth",
            "oidc:http://127.0.0.1:8080");
    assertThat(loopback.exitCode()).as(loopback.toString()).isZero();
  }
}
