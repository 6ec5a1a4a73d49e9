package dev.mp.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code registry sync}, {@code registry test} and {@code search} against real HTTP registries on loopback. */
class RegistryCommandsTest {
  static final String INDEX = "{\"plugins\": {\"code-lint\": {\"version\": \"1.2.0\", \"description\": \"Lints code\"},"
      + " \"deploy\": {\"version\": \"0.3.0\", \"description\": \"Ships it\"}}}";
  static final String SECRET = "tok-SECRET-4242";

  @TempDir Path project;
  @TempDir Path cache;
  private final List<LoopbackServer> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(LoopbackServer::close);
  }

  private LoopbackServer server() {
    LoopbackServer server = LoopbackServer.start();
    servers.add(server);
    return server;
  }

  private void registries(String... entries) {
    TestFiles.write(project.resolve(".claude/registries.json"),
        "{\"registries\": [" + String.join(", ", entries) + "]}");
  }

  private static String registry(String name, String url, int priority, String auth) {
    return "{\"name\": \"" + name + "\", \"url\": \"" + url + "\", \"priority\": " + priority
        + (auth == null ? "" : ", \"auth\": \"" + auth + "\"") + "}";
  }

  private Cli cli() {
    return new Cli(project, cache);
  }

  @Test
  void syncReportsEachRegistryAndListShowsTheCache() {
    LoopbackServer server = server().on("/index.json", LoopbackServer.json(INDEX, "\"e1\""));
    TestFiles.write(project.resolve("plugins/local-tool/.claude-plugin/plugin.json"), "{\"name\": \"local-tool\"}");
    registries(registry("team", server.url("/index.json"), 50, null), registry("local", "./plugins", 100, null));
    Cli.Result sync = cli().run("registry", "sync");
    assertThat(sync.exitCode()).as(sync.toString()).isZero();
    assertThat(sync.stdout()).isEqualTo("""
        NAME   STATUS  PLUGINS  SIZE   TIME
        local  ok      1        -      0ms
        team   ok      2        %d B  0ms
        """.formatted(INDEX.length()));
    assertThat(sync.stderr()).isEqualTo("Synced 2 registries\n");

    JsonNode again = cli().run("--json", "registry", "sync", "team").json();
    assertThat(again.at("/registries/0/status").asText()).isEqualTo("unchanged");
    assertThat(again.at("/registries/0/bytes").asLong()).isZero();
    assertThat(again.at("/failed").asInt()).isZero();
    assertThat(again.has("error")).isFalse();

    JsonNode list = cli().run("--json", "registry", "list").json();
    assertThat(list.at("/registries/1/name").asText()).isEqualTo("team");
    assertThat(list.at("/registries/1/plugins").asInt()).isEqualTo(2);
    assertThat(list.at("/registries/1/cacheAgeSeconds").asLong()).isZero();
    assertThat(server.count("/index.json")).isEqualTo(2);
  }

  @Test
  void aPartialSyncExits3AndNamesWhatFailed() {
    LoopbackServer server = server().on("/ok.json", LoopbackServer.json(INDEX)).on("/down.json", LoopbackServer.status(500));
    registries(registry("good", server.url("/ok.json"), 0, null), registry("bad", server.url("/down.json"), 0, null));
    Cli.Result text = cli().run("registry", "sync");
    assertThat(text.exitCode()).isEqualTo(3);
    assertThat(text.stdout()).contains("bad   error").contains("good  ok");
    assertThat(text.stderr()).contains("warning: registry `bad`: HTTP 500 from `")
        .contains("error: 1 of 2 registries could not be synced: `bad`")
        .contains("hint: `mp registry test bad` shows what the registry answers");

    Cli.Result json = cli().run("--json", "registry", "sync");
    assertThat(json.exitCode()).isEqualTo(3);
    JsonNode document = json.json();
    assertThat(document.at("/registries/0/name").asText()).isEqualTo("bad");
    assertThat(document.at("/registries/0/problem").asText()).startsWith("HTTP 500");
    assertThat(document.at("/error/code").asText()).isEqualTo("REGISTRY_UNAVAILABLE");
    assertThat(document.at("/synced").asInt()).isEqualTo(1);
  }

  @Test
  void aSyncWhereEveryRegistryFailsIsAllRegistriesUnavailable() {
    LoopbackServer server = server().on("/down.json", LoopbackServer.status(503));
    registries(registry("a", server.url("/down.json"), 0, null), registry("b", server.url("/down.json"), 0, null));
    Cli.Result result = cli().run("--json", "registry", "sync");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.json().at("/error/code").asText()).isEqualTo("ALL_REGISTRIES_UNAVAILABLE");
  }

  @Test
  void aRegistryDownAfterASyncIsReportedStale() {
    boolean[] down = {false};
    LoopbackServer server = server().on("/index.json", exchange ->
        (down[0] ? LoopbackServer.status(500) : LoopbackServer.json(INDEX)).handle(exchange));
    registries(registry("team", server.url("/index.json"), 0, null));
    assertThat(cli().run("registry", "sync").exitCode()).isZero();
    down[0] = true;
    Cli.Result sync = cli().run("registry", "sync");
    assertThat(sync.exitCode()).isEqualTo(3);
    assertThat(sync.stdout()).contains("team  stale   2");
    assertThat(sync.stderr()).contains("(the cached copy from 0s ago stays in use)");
    Cli.Result search = cli().run("search", "lint");
    assertThat(search.exitCode()).isZero();
    assertThat(search.stdout()).contains("code-lint");
  }

  @Test
  void offlineSearchUsesTheCacheAndSyncRefusesToRun() {
    LoopbackServer server = server().on("/index.json", LoopbackServer.json(INDEX));
    registries(registry("team", server.url("/index.json"), 0, null));
    assertThat(cli().run("registry", "sync").exitCode()).isZero();
    server.close();
    Cli.Result search = cli().run("--offline", "search", "deploy");
    assertThat(search.exitCode()).as(search.toString()).isZero();
    assertThat(search.stdout()).contains("deploy  0.3.0    team      Ships it");
    Cli.Result sync = cli().run("--offline", "registry", "sync");
    assertThat(sync.exitCode()).isEqualTo(2);
    assertThat(sync.stderr()).contains("cannot run with `--offline`");
  }

  @Test
  void testReportsAcceptedAndRefusedCredentialsWithoutTheToken() {
    LoopbackServer server = server().on("/index.json",
        LoopbackServer.requiresToken(SECRET, LoopbackServer.json(INDEX)));
    registries(registry("team", server.url("/index.json"), 0, "token:TEAM_TOKEN"),
        registry("anon", server.url("/index.json"), 0, null));

    Cli.Result accepted = cli().env("TEAM_TOKEN", SECRET).run("--json", "registry", "test", "team");
    assertThat(accepted.exitCode()).isZero();
    JsonNode ok = accepted.json();
    assertThat(ok.at("/auth").asText()).isEqualTo("accepted");
    assertThat(ok.at("/httpStatus").asInt()).isEqualTo(200);
    assertThat(ok.at("/format").asText()).isEqualTo("index");
    assertThat(ok.at("/plugins").asInt()).isEqualTo(2);

    Cli.Result refused = cli().env("TEAM_TOKEN", "wrong-" + SECRET).run("registry", "test", "team");
    assertThat(refused.exitCode()).isEqualTo(3);
    assertThat(refused.stdout()).contains("auth       token:TEAM_TOKEN (refused)");
    assertThat(refused.stderr()).contains("refused the credentials (`token:TEAM_TOKEN`): HTTP 403")
        .contains("hint: check the token in `TEAM_TOKEN`");
    assertThat(refused.stdout() + refused.stderr()).doesNotContain(SECRET);

    Cli.Result required = cli().run("--json", "registry", "test", "anon");
    assertThat(required.exitCode()).isEqualTo(3);
    assertThat(required.json().at("/auth").asText()).isEqualTo("required");
    assertThat(required.json().at("/error/message").asText()).contains("requires authentication: HTTP 401");

    Cli.Result missing = cli().run("--json", "registry", "test", "team");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.json().at("/auth").asText()).isEqualTo("missing");
    assertThat(missing.json().at("/error/code").asText()).isEqualTo("CONFIG_ERROR");
  }

  @Test
  void testOfAnUnparseableRegistryExits2() {
    LoopbackServer server = server().on("/index.json", LoopbackServer.json("<html>oops</html>"))
        .on("/other.json", LoopbackServer.json("{\"registries\": []}"));
    registries(registry("html", server.url("/index.json"), 0, null), registry("other", server.url("/other.json"), 0, null));
    Cli.Result html = cli().run("--json", "registry", "test", "html");
    assertThat(html.exitCode()).isEqualTo(2);
    assertThat(html.json().at("/reachable").asBoolean()).isTrue();
    assertThat(html.json().at("/error/code").asText()).isEqualTo("INDEX_INVALID");
    Cli.Result other = cli().run("registry", "test", "other");
    assertThat(other.exitCode()).isEqualTo(2);
    assertThat(other.stderr()).contains("neither a registry index (a `plugins` object) nor a Claude Code marketplace");
  }

  @Test
  void testOfAnUnreachableRegistryExits3() {
    LoopbackServer server = server();
    String url = server.url("/index.json");
    server.close();
    registries(registry("gone", url, 0, null));
    Cli.Result result = cli().run("registry", "test", "gone");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).contains("reachable  no");
    assertThat(result.stderr()).contains("cannot connect to `127.0.0.1:");
  }

  @Test
  void searchGoesThroughRegistriesInPriorityOrder() {
    LoopbackServer server = server().on("/index.json", LoopbackServer.json(INDEX));
    TestFiles.write(project.resolve("plugins/code-lint/.claude-plugin/plugin.json"),
        "{\"name\": \"code-lint\", \"version\": \"9.0.0\", \"description\": \"Local lint\"}");
    registries(registry("team", server.url("/index.json"), 50, null), registry("local", "./plugins", 100, null));
    Cli.Result text = cli().run("search", "*LINT*");
    assertThat(text.exitCode()).isZero();
    assertThat(text.stdout()).isEqualTo("""
        NAME       VERSION  REGISTRY  DESCRIPTION
        code-lint  9.0.0    local     Local lint
        code-lint  1.2.0    team      Lints code
        """);
    JsonNode json = cli().run("--json", "search", "ships").json();
    assertThat(json.at("/match").asText()).isEqualTo("substring");
    assertThat(json.at("/results")).hasSize(1);
    assertThat(json.at("/results/0/name").asText()).isEqualTo("deploy");
  }

  @Test
  void syncShowsLiveProgressOnlyOnATerminal() {
    LoopbackServer server = server().on("/a.json", LoopbackServer.json(INDEX)).on("/b.json", LoopbackServer.json(INDEX));
    registries(registry("a", server.url("/a.json"), 0, null), registry("b", server.url("/b.json"), 0, null));
    Cli.Result terminal = cli().terminal("").run("--no-color", "registry", "sync");
    assertThat(terminal.stderr()).startsWith("\r\u001b[2KSyncing registries...").contains("1/2 done")
        .contains("\r\u001b[2KSynced 2 registries");
    Cli.Result json = cli().terminal("").run("--json", "registry", "sync");
    assertThat(json.stderr()).isEmpty();
    Cli.Result piped = cli().run("registry", "sync");
    assertThat(piped.stderr()).isEqualTo("Synced 2 registries\n");
  }
}
