package dev.mp.registry.client;

import dev.mp.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.Context;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.Terminal;
import dev.mp.config.AuthSpec;
import dev.mp.config.ConflictStrategy;
import dev.mp.config.FederationDefaults;
import dev.mp.config.PolicyMode;
import dev.mp.config.RegistrySpec;
import dev.mp.registry.IndexState;
import dev.mp.registry.LoadedRegistry;
import dev.mp.registry.LoopbackServer;
import dev.mp.registry.RegistrySet;
import dev.mp.registry.http.CredentialProvider;
import dev.mp.registry.http.CredentialProviderFactory;
import dev.mp.registry.http.HttpSettings;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryClientTest {
  static final String INDEX_V1 = "{\"plugins\": {\"alpha\": {\"version\": \"1.0.0\", \"description\": \"Alpha\"}}}";
  static final String INDEX_V2 = "{\"plugins\": {\"alpha\": {\"version\": \"2.0.0\"}, \"beta\": {\"version\": \"1.0.0\"}}}";

  @TempDir Path project;
  @TempDir Path cache;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
  private final List<LoopbackServer> servers = new ArrayList<>();
  private Map<String, String> env = Map.of();
  private boolean offline;
  private List<CredentialProviderFactory> credentials = RegistryClient.BUILT_IN_CREDENTIALS;

  @AfterEach
  void stop() {
    servers.forEach(LoopbackServer::close);
  }

  private LoopbackServer server() {
    LoopbackServer server = LoopbackServer.start();
    servers.add(server);
    return server;
  }

  private RegistryClient client() {
    Context context = new Context(project, cache, offline, clock, env, warnings::add, Terminal.NONE);
    FederationDefaults defaults = new FederationDefaults(3600, ConflictStrategy.HIGHEST_PRIORITY, null, Map.of());
    return new RegistryClient(context, defaults, HttpSettings.DEFAULT.withTimeouts(Duration.ofSeconds(2)), credentials);
  }

  private static RegistrySpec spec(String name, String url, int priority) {
    return RegistrySpec.of(name, url, priority);
  }

  private LoadedRegistry load(RegistrySpec spec) {
    return client().load(List.of(spec)).registries().get(0);
  }

  @Test
  void aFreshCopyIsUsedWithoutAskingTheRegistryAgain() {
    LoopbackServer server = server().on("/index.json", LoopbackServer.json(INDEX_V1, "\"v1\""));
    RegistrySpec team = spec("team", server.url("/index.json"), 0);
    LoadedRegistry first = load(team);
    assertThat(first.state()).isEqualTo(IndexState.FRESH);
    assertThat(first.index().find("alpha")).hasValueSatisfying(a -> assertThat(a.description()).isEqualTo("Alpha"));
    clock.advance(Duration.ofMinutes(30));
    LoadedRegistry second = load(team);
    assertThat(second.state()).isEqualTo(IndexState.CACHED);
    assertThat(second.ageSeconds()).isEqualTo(1800);
    assertThat(second.index().find("alpha")).isPresent();
    assertThat(server.count("/index.json")).isEqualTo(1);
    assertThat(warnings).isEmpty();
  }

  @Test
  void anExpiredCopyIsRevalidatedAndA304CostsNoDownload() {
    LoopbackServer server = server().on("/index.json", LoopbackServer.json(INDEX_V1, "\"v1\""));
    RegistrySpec team = spec("team", server.url("/index.json"), 0);
    load(team);
    clock.advance(Duration.ofHours(2));
    LoadedRegistry revalidated = load(team);
    assertThat(revalidated.state()).isEqualTo(IndexState.FRESH);
    assertThat(server.count("/index.json")).isEqualTo(2);
    assertThat(server.requests().get(1).header("If-None-Match")).isEqualTo("\"v1\"");
    clock.advance(Duration.ofMinutes(10));
    assertThat(load(team).state()).as("the 304 restarted the TTL").isEqualTo(IndexState.CACHED);
    assertThat(server.count("/index.json")).isEqualTo(2);
  }

  @Test
  void syncIgnoresTheTtlButStillRevalidates() {
    LoopbackServer server = server().on("/index.json", LoopbackServer.json(INDEX_V1, "\"v1\""));
    RegistrySpec team = spec("team", server.url("/index.json"), 0);
    SyncOutcome first = client().sync(List.of(team), SyncListener.NONE).outcomes().get(0);
    assertThat(first.status()).isEqualTo(SyncStatus.OK);
    assertThat(first.plugins()).isEqualTo(1);
    assertThat(first.bytes()).isEqualTo(INDEX_V1.length());
    SyncOutcome second = client().sync(List.of(team), SyncListener.NONE).outcomes().get(0);
    assertThat(second.status()).isEqualTo(SyncStatus.UNCHANGED);
    assertThat(second.bytes()).isZero();
    assertThat(server.count("/index.json")).isEqualTo(2);
  }

  @Test
  void aChangedIndexReplacesTheCachedOne() {
    String[] body = {INDEX_V1};
    LoopbackServer server = server().on("/index.json", exchange ->
        LoopbackServer.json(body[0], "\"" + body[0].hashCode() + "\"").handle(exchange));
    RegistrySpec team = spec("team", server.url("/index.json"), 0);
    load(team);
    body[0] = INDEX_V2;
    clock.advance(Duration.ofHours(2));
    LoadedRegistry updated = load(team);
    assertThat(updated.index().find("alpha")).hasValueSatisfying(a -> assertThat(a.latest().version()).isEqualTo("2.0.0"));
    assertThat(updated.index().find("beta")).isPresent();
    assertThat(updated.index().size()).isEqualTo(2);
  }

  @Test
  void aRegistryThatIsDownServesTheStaleCopyWithItsAge() {
    boolean[] down = {false};
    LoopbackServer server = server().on("/index.json", exchange ->
        (down[0] ? LoopbackServer.status(503) : LoopbackServer.json(INDEX_V1)).handle(exchange));
    RegistrySpec team = spec("team", server.url("/index.json"), 0);
    load(team);
    down[0] = true;
    clock.advance(Duration.ofHours(3));
    LoadedRegistry stale = load(team);
    assertThat(stale.state()).isEqualTo(IndexState.STALE);
    assertThat(stale.ageSeconds()).isEqualTo(3 * 3600);
    assertThat(stale.index().find("alpha")).isPresent();
    assertThat(warnings).containsExactly("registry `team`: using the cached index from 3 hours ago: HTTP 503 from `"
        + server.url("/index.json") + "`");
  }

  @Test
  void aRegistryThatIsDownWithoutACopyIsUnavailableAndAllDownIsAnError() {
    LoopbackServer server = server().on("/index.json", LoopbackServer.status(500));
    RegistrySet set = client().load(List.of(spec("team", server.url("/index.json"), 0)));
    assertThat(set.registries().get(0).state()).isEqualTo(IndexState.UNAVAILABLE);
    assertThat(warnings).singleElement().asString().startsWith("registry `team` is unavailable: HTTP 500");
    assertThatThrownBy(set::requireAvailable).isInstanceOfSatisfying(MpException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.ALL_REGISTRIES_UNAVAILABLE));
    assertThatThrownBy(() -> client().load(List.of()).requireAvailable()).isInstanceOfSatisfying(MpException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_REGISTRIES));
  }

  @Test
  void brokenBodiesNeverReplaceAGoodCopy() {
    String[] body = {INDEX_V1};
    LoopbackServer server = server().on("/index.json", exchange -> LoopbackServer.json(body[0]).handle(exchange));
    server.on("/truncated.json", LoopbackServer.truncated("{\"plugins\": {", 500));
    RegistrySpec team = spec("team", server.url("/index.json"), 0);
    load(team);
    body[0] = "<html>Service temporarily unavailable</html>";
    clock.advance(Duration.ofHours(2));
    LoadedRegistry stale = load(team);
    assertThat(stale.state()).isEqualTo(IndexState.STALE);
    assertThat(stale.problem()).contains("malformed JSON");
    assertThat(stale.index().find("alpha")).isPresent();
    LoadedRegistry truncated = load(spec("cut", server.url("/truncated.json"), 0));
    assertThat(truncated.state()).isEqualTo(IndexState.UNAVAILABLE);
    assertThat(truncated.problem()).contains("closed before the whole response arrived");
  }

  @Test
  void offlineNeverTouchesTheNetwork() {
    LoopbackServer server = server().on("/index.json", LoopbackServer.json(INDEX_V1));
    RegistrySpec team = spec("team", server.url("/index.json"), 0);
    RegistrySpec other = spec("other", server.url("/other.json"), 0);
    load(team);
    offline = true;
    assertThat(load(team).state()).isEqualTo(IndexState.CACHED);
    clock.advance(Duration.ofDays(2));
    LoadedRegistry stale = load(team);
    assertThat(stale.state()).isEqualTo(IndexState.STALE);
    assertThat(warnings).containsExactly("registry `team`: using the cached index from 2 days ago: offline (`--offline`)");
    assertThat(load(other).state()).isEqualTo(IndexState.UNAVAILABLE);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void registriesAreFetchedInParallel() throws Exception {
    CountDownLatch allArrived = new CountDownLatch(5);
    List<RegistrySpec> specs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      LoopbackServer server = server().on("/index.json", exchange -> {
        allArrived.countDown();
        boolean together = allArrived.await(5, TimeUnit.SECONDS);
        (together ? LoopbackServer.json(INDEX_V1) : LoopbackServer.status(500)).handle(exchange);
      });
      specs.add(spec("r" + i, server.url("/index.json"), 0));
    }
    RegistrySet set = client().load(specs);
    assertThat(set.registries()).allSatisfy(r -> assertThat(r.state()).isEqualTo(IndexState.FRESH));
  }

  @Test
  void warningsComeInPriorityOrderWhateverFinishesFirst() {
    LoopbackServer server = server()
        .on("/slow", LoopbackServer.slow(400, LoopbackServer.status(500)))
        .on("/fast", LoopbackServer.status(502));
    client().load(List.of(spec("first", server.url("/slow"), 10), spec("second", server.url("/fast"), 5)));
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0)).startsWith("registry `first`");
    assertThat(warnings.get(1)).startsWith("registry `second`");
  }

  @Test
  void processesSharingTheCacheDownloadOnce() throws Exception {
    LoopbackServer server = server().on("/index.json", LoopbackServer.slow(200, LoopbackServer.json(INDEX_V1)));
    RegistrySpec team = spec("team", server.url("/index.json"), 0);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<LoadedRegistry>> loads = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        loads.add(pool.submit(() -> load(team)));
      }
      for (Future<LoadedRegistry> future : loads) {
        assertThat(future.get().index().find("alpha")).isPresent();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.count("/index.json")).isEqualTo(1);
  }

  @Test
  void tokensAreSentButNeverStored() throws IOException {
    env = Map.of("TEAM_TOKEN", "tok-12345-secret");
    LoopbackServer server = server().on("/index.json", LoopbackServer.requiresToken("tok-12345-secret",
        LoopbackServer.json(INDEX_V1)));
    RegistrySpec team = new RegistrySpec("team", server.url("/index.json"), 0, new AuthSpec.Token("TEAM_TOKEN"),
        PolicyMode.OPEN, true, List.of(), false, Map.of());
    assertThat(load(team).state()).isEqualTo(IndexState.FRESH);
    try (Stream<Path> files = Files.walk(cache)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
            .doesNotContain("tok-12345-secret");
      }
    }
  }

  @Test
  void aMissingTokenMakesTheRegistryUnavailableNamingTheVariable() {
    LoopbackServer server = server().on("/index.json", LoopbackServer.json(INDEX_V1));
    RegistrySpec team = new RegistrySpec("team", server.url("/index.json"), 0, new AuthSpec.Token("TEAM_TOKEN"),
        PolicyMode.OPEN, true, List.of(), false, Map.of());
    assertThat(load(team).problem()).contains("environment variable `TEAM_TOKEN` is not set");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aClientGivenNoOidcProviderNamesTheMissingCapability() {
    RegistrySpec team = new RegistrySpec("team", "https://plugins.example/index.json", 0,
        new AuthSpec.Oidc("github-actions"), PolicyMode.OPEN, true, List.of(), false, Map.of());
    LoadedRegistry loaded = load(team);
    assertThat(loaded.state()).isEqualTo(IndexState.UNAVAILABLE);
    assertThat(loaded.problem()).contains("`auth: oidc:github-actions`").contains("OIDC token exchange")
        .contains("do not include it");
  }

  @Test
  void anotherCredentialMethodPlugsInThroughAFactory() {
    LoopbackServer server = server().on("/index.json", LoopbackServer.requiresToken("from-oidc",
        LoopbackServer.json(INDEX_V1)));
    CredentialProviderFactory oidc = (spec, context) -> spec.auth() instanceof AuthSpec.Oidc
        ? Optional.of(new CredentialProvider() {
            @Override
            public Optional<String> authorization() {
              return Optional.of("Bearer from-oidc");
            }

            @Override
            public String describe() {
              return spec.auth().wire();
            }
          })
        : Optional.empty();
    credentials = List.of(dev.mp.registry.http.TokenCredentialProvider.FACTORY, oidc);
    RegistrySpec team = new RegistrySpec("team", server.url("/index.json"), 0, new AuthSpec.Oidc("env:ID_TOKEN"),
        PolicyMode.OPEN, true, List.of(), false, Map.of());
    assertThat(load(team).state()).isEqualTo(IndexState.FRESH);
  }

  @Test
  void aLocalIndexFileIsParsedOnceUntilItChanges() throws IOException {
    Path file = TestFiles.write(project.resolve("index.json"), INDEX_V1);
    RegistrySpec team = spec("team", "./index.json", 0);
    assertThat(load(team).index().size()).isEqualTo(1);
    String lookup = lookupFiles().get(0);
    assertThat(load(team).index().find("alpha")).isPresent();
    assertThat(lookupFiles()).as("not re-parsed").containsExactly(lookup);
    Files.writeString(file, INDEX_V2);
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    assertThat(load(team).index().size()).isEqualTo(2);
    assertThat(lookupFiles()).doesNotContain(lookup);
  }

  @Test
  void aLookupFileOfAnotherFormatIsRebuiltFromTheCachedBodyOffline() throws IOException {
    LoopbackServer server = server().on("/index.json", LoopbackServer.json(INDEX_V1));
    RegistrySpec team = spec("team", server.url("/index.json"), 0);
    load(team);
    Path lookup;
    try (Stream<Path> files = Files.walk(cache)) {
      lookup = files.filter(p -> p.getFileName().toString().startsWith("lookup-")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(lookup);
    bytes[4] = (byte) 99;
    Files.write(lookup, bytes);
    offline = true;
    LoadedRegistry rebuilt = load(team);
    assertThat(rebuilt.index().find("alpha")).isPresent();
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void theCacheRootIsTaggedAndListingReadsOnlyMeta() {
    LoopbackServer server = server().on("/index.json", LoopbackServer.json(INDEX_V2));
    RegistrySpec team = spec("team", server.url("/index.json"), 0);
    assertThat(client().status(team).pluginCount()).isNull();
    load(team);
    clock.advance(Duration.ofMinutes(5));
    assertThat(client().status(team).pluginCount()).isEqualTo(2);
    assertThat(client().status(team).cacheAgeSeconds()).isEqualTo(300);
    assertThat(cache.resolve("CACHEDIR.TAG")).content().startsWith("Signature: 8a477f597d28d172789f06886806bc55");
    assertThat(server.requests()).hasSize(1);
  }

  private List<String> lookupFiles() throws IOException {
    try (Stream<Path> files = Files.walk(cache)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("lookup-")).sorted().toList();
    }
  }
}
