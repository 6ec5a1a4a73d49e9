package dev.mp.auth;

import dev.mp.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTokenSourceTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private final Map<String, String> env = new HashMap<>();

  private static String jwt(Instant exp) {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    return url.encodeToString("{}".getBytes(StandardCharsets.UTF_8)) + "."
        + url.encodeToString(("{\"exp\":" + exp.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8)) + ".c2ln";
  }

  @Test
  void idTokenFromTheEnvironmentCarriesItsJwtExpiry() {
    String token = jwt(clock.instant().plusSeconds(900));
    env.put("CI_ID_TOKEN", token + "\n");
    AccessToken read = TokenSources.oidc("env:CI_ID_TOKEN", null, env, clock).token();
    assertThat(read.authorization()).isEqualTo("Bearer " + token);
    assertThat(read.expiresAt()).isEqualTo(clock.instant().plusSeconds(900));
  }

  @Test
  void missingVariableIsNamed() {
    assertThatThrownBy(() -> TokenSources.oidc("env:CI_ID_TOKEN", null, env, clock).token())
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR);
          assertThat(e.getMessage()).isEqualTo("`oidc:env:CI_ID_TOKEN`: environment variable `CI_ID_TOKEN` is not set");
        });
  }

  @Test
  void expiredIdTokenIsRefusedWithoutShowingIt() {
    String token = jwt(clock.instant().minusSeconds(1));
    env.put("CI_ID_TOKEN", token);
    assertThatThrownBy(() -> TokenSources.oidc("env:CI_ID_TOKEN", null, env, clock).token())
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("`oidc:env:CI_ID_TOKEN`: the token in `CI_ID_TOKEN` expired at 2026-06-01T11:59:59Z");
          assertThat(e.getMessage()).doesNotContain(token);
        });
  }

  @Test
  void valueWithSpacesIsNotAToken() {
    env.put("TEAM_TOKEN", "two words");
    assertThatThrownBy(() -> TokenSources.fromEnvironment("token:TEAM_TOKEN", "TEAM_TOKEN", env, clock).token())
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.getMessage())
            .isEqualTo("`token:TEAM_TOKEN`: the value of `TEAM_TOKEN` is not a bearer token: it contains spaces or control characters")
            .doesNotContain("two words"));
  }

  @Test
  void opaqueTokenNeverExpiresOnItsOwn() {
    env.put("TEAM_TOKEN", "abc123");
    TokenSource source = TokenSources.fromEnvironment("token:TEAM_TOKEN", "TEAM_TOKEN", env, clock);
    AccessToken token = source.token();
    assertThat(token.expiresAt()).isNull();
    clock.advance(java.time.Duration.ofDays(365));
    assertThat(source.token()).isSameAs(token);
  }
}
