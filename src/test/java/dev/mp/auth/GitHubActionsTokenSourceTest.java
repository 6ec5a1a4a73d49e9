package dev.mp.auth;

import dev.mp.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitHubActionsTokenSourceTest {
  private OidcTestServer server;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void start() throws IOException {
    server = new OidcTestServer();
    env.put("ACTIONS_ID_TOKEN_REQUEST_URL", server.base() + "/gha/token?api-version=2.0");
    env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", OidcTestServer.RUNNER_TOKEN);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void requestsAnIdTokenForTheAudienceAndCachesItUntilItsExp() {
    server.jwtExpiry = clock.instant().plusSeconds(600);
    TokenSource source = TokenSources.oidc("github-actions", "https://plugins.team.dev", env, clock);
    AccessToken token = source.token();
    assertThat(token.expiresAt()).isEqualTo(clock.instant().plusSeconds(600));
    assertThat(source.token()).isSameAs(token);
    assertThat(server.githubAudiences).containsExactly("https://plugins.team.dev");
    clock.advance(Duration.ofSeconds(541));
    assertThat(source.token()).isNotSameAs(token);
    assertThat(server.githubRequests.get()).isEqualTo(2);
  }

  @Test
  void missingRunnerVariablesAreNamed() {
    env.clear();
    assertThatThrownBy(() -> TokenSources.oidc("github-actions", "aud", env, clock).token())
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR);
          assertThat(e.getMessage()).isEqualTo("`oidc:github-actions` needs ACTIONS_ID_TOKEN_REQUEST_URL and"
              + " ACTIONS_ID_TOKEN_REQUEST_TOKEN, which are not set");
          assertThat(e.hint()).contains("permissions: id-token: write");
        });
  }

  @Test
  void refusedRequestTokenIsAClearErrorWithoutItsValue() {
    env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "stale-runner-token");
    assertThatThrownBy(() -> TokenSources.oidc("github-actions", "aud", env, clock).token())
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("`oidc:github-actions`: the GitHub Actions token service refused"
              + " ACTIONS_ID_TOKEN_REQUEST_TOKEN (HTTP 403)");
          assertThat(e.getMessage() + e.hint()).doesNotContain("stale-runner-token");
        });
  }

  @Test
  void errorsShowTheTokenUrlWithoutItsQuery() {
    env.put("ACTIONS_ID_TOKEN_REQUEST_URL", "http://127.0.0.1:1/gha/token?api-version=2.0&sig=secretish");
    assertThatThrownBy(() -> TokenSources.oidc("github-actions", "aud", env, clock).token())
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_UNAVAILABLE);
          assertThat(e.getMessage()).contains("`http://127.0.0.1:1/gha/token`").doesNotContain("secretish");
        });
  }
}
