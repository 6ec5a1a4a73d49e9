package dev.mp.auth;

import dev.mp.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientCredentialsTokenSourceTest {
  private OidcTestServer server;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private final Map<String, String> env = new HashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    server = new OidcTestServer();
    env.put("MP_OIDC_CLIENT_ID", OidcTestServer.CLIENT_ID);
    env.put("MP_OIDC_CLIENT_SECRET", OidcTestServer.CLIENT_SECRET);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private TokenSource source() {
    return TokenSources.oidc(server.base(), null, env, clock);
  }

  private HttpResponse<String> fetchIndex(TokenSource source) throws IOException, InterruptedException {
    return source.send(
        token -> http.send(HttpRequest.newBuilder(URI.create(server.base() + "/index.json"))
            .header("Authorization", token.authorization()).build(), HttpResponse.BodyHandlers.ofString()),
        response -> response.statusCode() == 401);
  }

  @Test
  void oneTokenRequestServesManyUses() throws Exception {
    TokenSource source = source();
    for (int i = 0; i < 10; i++) {
      assertThat(fetchIndex(source).statusCode()).isEqualTo(200);
    }
    assertThat(server.discoveryRequests.get()).isEqualTo(1);
    assertThat(server.tokenRequests.get()).isEqualTo(1);
    assertThat(server.indexRequests.get()).isEqualTo(10);
  }

  @Test
  void tokenIsRefreshedShortlyBeforeItExpires() {
    TokenSource source = source();
    AccessToken first = source.token();
    assertThat(first.expiresAt()).isEqualTo(clock.instant().plusSeconds(300));
    clock.advance(Duration.ofSeconds(239));
    assertThat(source.token()).isSameAs(first);
    clock.advance(Duration.ofSeconds(2));
    assertThat(source.token()).isNotSameAs(first);
    assertThat(server.tokenRequests.get()).isEqualTo(2);
    assertThat(server.discoveryRequests.get()).isEqualTo(1);
  }

  @Test
  void shortLivedTokensAreRefreshedAFifthOfTheirLifeEarly() {
    server.expiresIn = 10L;
    TokenSource source = source();
    AccessToken first = source.token();
    clock.advance(Duration.ofSeconds(7));
    assertThat(source.token()).isSameAs(first);
    clock.advance(Duration.ofSeconds(1));
    assertThat(source.token()).isNotSameAs(first);
  }

  @Test
  void withoutExpiresInTheJwtExpiryCounts() {
    server.expiresIn = null;
    server.jwt = true;
    server.jwtExpiry = clock.instant().plusSeconds(3600);
    assertThat(source().token().expiresAt()).isEqualTo(clock.instant().plusSeconds(3600));
  }

  @Test
  void a401RefreshesTheTokenOnceAndRetries() throws Exception {
    TokenSource source = source();
    assertThat(fetchIndex(source).statusCode()).isEqualTo(200);
    server.revokeAll();
    assertThat(fetchIndex(source).statusCode()).isEqualTo(200);
    assertThat(server.tokenRequests.get()).isEqualTo(2);
    assertThat(server.indexRequests.get()).isEqualTo(3);
  }

  @Test
  void aServerRefusingEveryTokenCostsTwoRequestsNotALoop() throws Exception {
    TokenSource source = source();
    HttpResponse<String> response = source.send(
        token -> http.send(HttpRequest.newBuilder(URI.create(server.base() + "/index.json"))
            .header("Authorization", "Bearer not-issued").build(), HttpResponse.BodyHandlers.ofString()),
        r -> r.statusCode() == 401);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(server.indexRequests.get()).isEqualTo(2);
    assertThat(server.tokenRequests.get()).isEqualTo(2);
  }

  @Test
  void parallelRequestsRefusedWithTheSameTokenFetchOneNewToken() throws Exception {
    TokenSource source = source();
    AccessToken stale = source.token();
    server.revokeAll();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        answers.add(pool.submit(() -> fetchIndex(source)));
      }
      for (java.util.concurrent.Future<HttpResponse<String>> answer : answers) {
        assertThat(answer.get().statusCode()).isEqualTo(200);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(source.token()).isNotSameAs(stale);
    assertThat(server.tokenRequests.get()).isEqualTo(2);
  }

  @Test
  void clientAuthenticatesWithHttpBasicByDefault() {
    source().token();
    assertThat(server.formNames(0)).containsExactly("grant_type");
  }

  @Test
  void clientSendsFormFieldsWhenTheIssuerSupportsOnlyThat() {
    server.authMethods = List.of("client_secret_post", "private_key_jwt");
    env.put("MP_OIDC_SCOPE", "registry:read");
    TokenSources.oidc(server.base(), "https://plugins.team.dev", env, clock).token();
    assertThat(server.tokenForms.get(0)).containsEntry("client_id", OidcTestServer.CLIENT_ID)
        .containsEntry("client_secret", OidcTestServer.CLIENT_SECRET)
        .containsEntry("scope", "registry:read")
        .containsEntry("audience", "https://plugins.team.dev");
  }

  @Test
  void wrongCredentialsAreAClearErrorWithoutTheSecret() {
    env.put("MP_OIDC_CLIENT_SECRET", "wrong-secret-value");
    server.echoSecretInErrors = true;
    assertThatThrownBy(() -> source().token()).isInstanceOfSatisfying(MpException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR);
      assertThat(e.getMessage()).isEqualTo("`oidc:" + server.base() + "`: the token endpoint refused the client"
          + " credentials from MP_OIDC_CLIENT_ID and MP_OIDC_CLIENT_SECRET (HTTP 401: invalid_client)");
      assertThat(e.getMessage() + e.hint()).doesNotContain("wrong-secret-value");
    });
  }

  @Test
  void missingVariablesAreNamed() {
    env.clear();
    assertThatThrownBy(() -> source().token()).isInstanceOfSatisfying(MpException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR);
      assertThat(e.getMessage()).isEqualTo("`oidc:" + server.base()
          + "` needs MP_OIDC_CLIENT_ID and MP_OIDC_CLIENT_SECRET, which are not set");
    });
    assertThat(server.tokenRequests.get()).isZero();
    env.put("MP_OIDC_CLIENT_ID", "mp-ci");
    assertThatThrownBy(() -> source().token()).isInstanceOfSatisfying(MpException.class,
        e -> assertThat(e.getMessage()).endsWith("needs MP_OIDC_CLIENT_SECRET, which is not set"));
  }

  @Test
  void discoveryNamingAnotherIssuerIsRefused() {
    server.issuerOverride = "https://evil.example";
    assertThatThrownBy(() -> source().token()).isInstanceOfSatisfying(MpException.class,
        e -> assertThat(e.getMessage()).contains("the discovery document names issuer \"https://evil.example\""));
    assertThat(server.tokenRequests.get()).isZero();
  }

  @Test
  void redirectsFromTheTokenEndpointAreNotFollowed() {
    server.redirectTokenEndpoint = true;
    assertThatThrownBy(() -> source().token()).isInstanceOfSatisfying(MpException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_UNAVAILABLE);
      assertThat(e.getMessage()).contains("the token endpoint answered HTTP 307");
    });
    assertThat(server.elsewhereRequests.get()).isZero();
  }

  @Test
  void oversizedAnswersAreRefused() {
    server.tokenPadding = OidcHttp.MAX_RESPONSE_BYTES;
    assertThatThrownBy(() -> source().token()).isInstanceOfSatisfying(MpException.class,
        e -> assertThat(e.getMessage()).endsWith("the token endpoint sent more than 256 KiB"));
  }

  @Test
  void unreachableIssuerIsUnavailable() {
    String base = server.base();
    server.close();
    assertThatThrownBy(() -> TokenSources.oidc(base, null, env, clock).token()).isInstanceOfSatisfying(MpException.class,
        e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_UNAVAILABLE);
          assertThat(e.getMessage()).startsWith("`oidc:" + base + "`: cannot reach the discovery document `" + base
              + "/.well-known/openid-configuration`");
        });
  }

  @Test
  void plainHttpIsRefusedExceptOnLoopback() {
    assertThatThrownBy(() -> TokenSources.oidc("http://issuer.example", null, env, clock).token())
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR);
          assertThat(e.getMessage()).isEqualTo(
              "`oidc:http://issuer.example`: the issuer `http://issuer.example/.well-known/openid-configuration` must use https");
        });
    assertThat(OidcHttp.isLoopback("127.0.0.1")).isTrue();
    assertThat(OidcHttp.isLoopback("[::1]")).isTrue();
    assertThat(OidcHttp.isLoopback("localhost")).isTrue();
    assertThat(OidcHttp.isLoopback("10.0.0.1")).isFalse();
    assertThat(OidcHttp.isLoopback("127.0.0.1.evil.example")).isFalse();
  }

  @Test
  void tokensNeverShowInToString() {
    AccessToken token = source().token();
    assertThat(token.toString()).doesNotContain("opaque-token").startsWith("AccessToken[***");
    assertThat(source().toString()).isEqualTo("TokenSource[oidc:" + server.base() + "]");
  }
}
