package dev.mp.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.Context;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.Version;
import dev.mp.config.AuthSpec;
import dev.mp.config.PolicyMode;
import dev.mp.config.RegistrySpec;
import dev.mp.registry.LoopbackServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpFetcherTest {
  private static final String INDEX = "{\"plugins\": {}}";

  @TempDir Path temp;
  private final LoopbackServer server = LoopbackServer.start();
  private final HttpFetcher fetcher = new HttpFetcher(HttpSettings.DEFAULT.withTimeouts(Duration.ofMillis(700)));

  @AfterEach
  void stop() {
    server.close();
  }

  private FetchResult get(String path, CredentialProvider credentials) {
    return fetcher.fetch(new FetchRequest(server.uri(path), credentials, null, null, temp.resolve("body")));
  }

  private static CredentialProvider token(String value) {
    RegistrySpec spec = new RegistrySpec("team", "https://x", 0, new AuthSpec.Token("TEAM_TOKEN"), PolicyMode.OPEN,
        true, List.of(), false, Map.of());
    Context context = Context.of(Path.of("."), value == null ? Map.of() : Map.of("TEAM_TOKEN", value));
    return TokenCredentialProvider.FACTORY.create(spec, context).orElseThrow();
  }

  @Test
  void downloadsTheBodyAndIdentifiesItself() throws Exception {
    server.on("/index.json", LoopbackServer.json(INDEX, "\"v1\""));
    FetchResult result = get("/index.json", CredentialProvider.NONE);
    assertThat(result).isInstanceOf(FetchResult.Downloaded.class);
    FetchResult.Downloaded downloaded = (FetchResult.Downloaded) result;
    assertThat(downloaded.etag()).isEqualTo("\"v1\"");
    assertThat(downloaded.bodyBytes()).isEqualTo(INDEX.length());
    assertThat(Files.readString(temp.resolve("body"))).isEqualTo(INDEX);
    LoopbackServer.Request request = server.requests().get(0);
    assertThat(request.header("User-Agent")).isEqualTo("mp/" + Version.current());
    assertThat(request.header("Accept-Encoding")).isEqualTo("gzip");
    assertThat(request.header("Authorization")).isNull();
  }

  @Test
  void decodesGzipBodies() throws Exception {
    String big = "{\"plugins\": {}, \"pad\": \"" + "x".repeat(10_000) + "\"}";
    server.on("/index.json", LoopbackServer.gzipJson(big));
    FetchResult.Downloaded downloaded = (FetchResult.Downloaded) get("/index.json", CredentialProvider.NONE);
    assertThat(Files.readString(temp.resolve("body"))).isEqualTo(big);
    assertThat(downloaded.wireBytes()).isLessThan(downloaded.bodyBytes());
  }

  @Test
  void revalidationWithAMatchingEtagIsNotModified() {
    server.on("/index.json", LoopbackServer.json(INDEX, "\"v1\""));
    FetchResult result = fetcher.fetch(
        new FetchRequest(server.uri("/index.json"), CredentialProvider.NONE, "\"v1\"", null, temp.resolve("body")));
    assertThat(result).isInstanceOf(FetchResult.NotModified.class);
    assertThat(server.requests().get(0).header("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(temp.resolve("body")).doesNotExist();
  }

  @Test
  void sendsTheBearerTokenFromTheEnvironment() {
    server.on("/index.json", LoopbackServer.requiresToken("s3cret", LoopbackServer.json(INDEX)));
    FetchResult result = get("/index.json", token("s3cret"));
    assertThat(result).isInstanceOf(FetchResult.Downloaded.class);
    assertThat(result.authenticated()).isTrue();
    assertThat(server.requests().get(0).header("Authorization")).isEqualTo("Bearer s3cret");
  }

  @Test
  void refusedCredentialsAreReportedWithoutTheSecret() {
    server.on("/index.json", LoopbackServer.requiresToken("s3cret", LoopbackServer.json(INDEX)));
    FetchResult.Failed refused = (FetchResult.Failed) get("/index.json", token("wrong-token"));
    assertThat(refused.kind()).isEqualTo(FetchResult.Kind.AUTH_REFUSED);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.message()).contains("token:TEAM_TOKEN").doesNotContain("wrong-token");

    FetchResult.Failed anonymous = (FetchResult.Failed) get("/index.json", CredentialProvider.NONE);
    assertThat(anonymous.kind()).isEqualTo(FetchResult.Kind.AUTH_REFUSED);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.message()).contains("requires authentication");
  }

  @Test
  void aMissingTokenVariableIsAConfigErrorNamingIt() {
    server.on("/index.json", LoopbackServer.json(INDEX));
    assertThatThrownBy(() -> get("/index.json", token(null)))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR);
          assertThat(e.getMessage()).contains("`TEAM_TOKEN`");
        });
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aTokenWithControlCharactersIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> token("abc\r\nX-Evil: 1").authorization())
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.getMessage()).doesNotContain("abc"));
  }

  @Test
  void aProviderMayRefreshOnceAfter401() {
    AtomicInteger refreshes = new AtomicInteger();
    CredentialProvider rotating = new CredentialProvider() {
      @Override
      public java.util.Optional<String> authorization() {
        return java.util.Optional.of(refreshes.get() == 0 ? "Bearer first" : "Bearer second");
      }

      @Override
      public boolean refreshAfterUnauthorized() {
        refreshes.incrementAndGet();
        return true;
      }

      @Override
      public String describe() {
        return "test";
      }
    };
    server.on("/login", exchange -> {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      LoopbackServer.send(exchange, "Bearer second".equals(authorization) ? 200 : 401,
          INDEX.getBytes(StandardCharsets.UTF_8), "application/json");
    });
    assertThat(get("/login", rotating)).isInstanceOf(FetchResult.Downloaded.class);
    assertThat(refreshes).hasValue(1);
    assertThat(server.count("/login")).isEqualTo(2);
  }

  @Test
  void aBusyRegistrysRetryAfterIsInTheMessage() {
    server.on("/seconds.json", exchange -> {
      exchange.getResponseHeaders().add("Retry-After", "120");
      LoopbackServer.send(exchange, 429, new byte[0], "text/plain");
    });
    server.on("/date.json", exchange -> {
      exchange.getResponseHeaders().add("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT");
      LoopbackServer.send(exchange, 503, new byte[0], "text/plain");
    });
    server.on("/odd.json", exchange -> {
      exchange.getResponseHeaders().add("Retry-After", "x".repeat(100));
      LoopbackServer.send(exchange, 429, new byte[0], "text/plain");
    });
    assertThat(((FetchResult.Failed) get("/seconds.json", CredentialProvider.NONE)).message())
        .startsWith("HTTP 429 from `http://127.0.0.1:").endsWith("`; the registry asks to retry after 120 s");
    assertThat(((FetchResult.Failed) get("/date.json", CredentialProvider.NONE)).message())
        .endsWith("`; the registry asks to retry after Wed, 21 Oct 2026 07:28:00 GMT");
    assertThat(((FetchResult.Failed) get("/odd.json", CredentialProvider.NONE)).message()).endsWith("/odd.json`");
  }

  @Test
  void serverErrorsAreFailures() {
    server.on("/index.json", LoopbackServer.status(500));
    FetchResult.Failed failed = (FetchResult.Failed) get("/index.json", CredentialProvider.NONE);
    assertThat(failed.kind()).isEqualTo(FetchResult.Kind.HTTP_ERROR);
    assertThat(failed.message()).startsWith("HTTP 500 from `http://127.0.0.1:");
    assertThat(temp.resolve("body")).doesNotExist();
  }

  @Test
  void aServerThatDoesNotAnswerTimesOut() {
    server.on("/index.json", LoopbackServer.slow(3000, LoopbackServer.json(INDEX)));
    FetchResult.Failed failed = (FetchResult.Failed) get("/index.json", CredentialProvider.NONE);
    assertThat(failed.kind()).isEqualTo(FetchResult.Kind.TIMEOUT);
    assertThat(failed.message()).contains("no response").contains("700ms");
  }

  @Test
  void aBodyThatStallsTimesOut() {
    server.on("/index.json", LoopbackServer.stalls("{\"plugins\":", 3000));
    FetchResult.Failed failed = (FetchResult.Failed) get("/index.json", CredentialProvider.NONE);
    assertThat(failed.kind()).isEqualTo(FetchResult.Kind.TIMEOUT);
    assertThat(failed.message()).contains("stalled");
  }

  @Test
  void aTruncatedBodyIsNotAccepted() {
    server.on("/index.json", LoopbackServer.truncated("{\"plugins\": {", 1000));
    FetchResult.Failed failed = (FetchResult.Failed) get("/index.json", CredentialProvider.NONE);
    assertThat(failed.kind()).isEqualTo(FetchResult.Kind.TRUNCATED);
    assertThat(temp.resolve("body")).doesNotExist();
  }

  @Test
  void anOversizedBodyIsCutOffWhileStreaming() throws Exception {
    HttpFetcher small = new HttpFetcher(HttpSettings.DEFAULT.withTimeouts(Duration.ofSeconds(2)).withMaxBytes(1024));
    server.on("/declared", LoopbackServer.json("x".repeat(4096)));
    server.on("/chunked", exchange -> {
      exchange.sendResponseHeaders(200, 0);
      try (var out = exchange.getResponseBody()) {
        for (int i = 0; i < 1000; i++) {
          out.write(new byte[1024]);
          out.flush();
        }
      }
    });
    for (String path : List.of("/declared", "/chunked")) {
      FetchResult.Failed failed =
          (FetchResult.Failed) small.fetch(new FetchRequest(server.uri(path), CredentialProvider.NONE, null, null,
              temp.resolve("body")));
      assertThat(failed.kind()).as(path).isEqualTo(FetchResult.Kind.TOO_LARGE);
      assertThat(failed.message()).contains("1 KiB");
    }
    try (var files = Files.list(temp)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aGzipBombIsCutOffByTheDecodedLimit() {
    HttpFetcher small = new HttpFetcher(HttpSettings.DEFAULT.withTimeouts(Duration.ofSeconds(2)).withMaxBytes(4096));
    server.on("/bomb", LoopbackServer.gzipJson("{\"pad\": \"" + " ".repeat(100_000) + "\"}"));
    FetchResult.Failed failed = (FetchResult.Failed) small.fetch(
        new FetchRequest(server.uri("/bomb"), CredentialProvider.NONE, null, null, temp.resolve("body")));
    assertThat(failed.kind()).isEqualTo(FetchResult.Kind.TOO_LARGE);
  }

  @Test
  void redirectsWithinTheOriginKeepTheCredentials() {
    server.on("/old", LoopbackServer.redirect(301, "/new"));
    server.on("/new", LoopbackServer.requiresToken("s3cret", LoopbackServer.json(INDEX)));
    FetchResult.Downloaded downloaded = (FetchResult.Downloaded) get("/old", token("s3cret"));
    assertThat(downloaded.finalUri().getPath()).isEqualTo("/new");
    assertThat(downloaded.authenticated()).isTrue();
  }

  @Test
  void credentialsNeverFollowARedirectToAnotherOrigin() {
    try (LoopbackServer other = LoopbackServer.start()) {
      other.on("/index.json", LoopbackServer.json(INDEX));
      server.on("/index.json", LoopbackServer.redirect(302, other.url("/index.json")));
      FetchResult result = get("/index.json", token("s3cret"));
      assertThat(result).isInstanceOf(FetchResult.Downloaded.class);
      assertThat(result.authenticated()).isFalse();
      assertThat(server.requests().get(0).header("Authorization")).isEqualTo("Bearer s3cret");
      assertThat(other.requests()).hasSize(1);
      assertThat(other.requests().get(0).header("Authorization")).isNull();
    }
  }

  @Test
  void redirectLoopsStop() {
    server.on("/loop", LoopbackServer.redirect(302, "/loop"));
    FetchResult.Failed failed = (FetchResult.Failed) get("/loop", CredentialProvider.NONE);
    assertThat(failed.kind()).isEqualTo(FetchResult.Kind.BAD_REDIRECT);
    assertThat(server.count("/loop")).isEqualTo(6);
  }

  @Test
  void aClosedPortIsUnreachable() {
    String url = server.url("/index.json");
    server.close();
    FetchResult.Failed failed = (FetchResult.Failed) fetcher.fetch(
        new FetchRequest(java.net.URI.create(url), CredentialProvider.NONE, null, null, temp.resolve("body")));
    assertThat(failed.kind()).isEqualTo(FetchResult.Kind.UNREACHABLE);
    assertThat(failed.message()).contains("127.0.0.1");
  }
}
