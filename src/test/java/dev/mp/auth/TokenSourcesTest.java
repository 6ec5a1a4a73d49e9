package dev.mp.auth;

import dev.mp.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mp.Context;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.config.AuthSpec;
import dev.mp.config.PolicyMode;
import dev.mp.config.RegistrySpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenSourcesTest {
  private static RegistrySpec registry(String url, AuthSpec auth, Map<String, JsonNode> extra) {
    return new RegistrySpec("team", url, 0, auth, PolicyMode.OPEN, true, List.of(), false, extra);
  }

  private static Context context(Map<String, String> env) {
    return Context.of(Path.of("."), env).withClock(new MutableClock(Instant.parse("2026-06-01T12:00:00Z")));
  }

  @Test
  void noAuthHasNoTokenSource() {
    assertThat(TokenSources.forRegistry(registry("https://r.dev/index.json", AuthSpec.NONE, Map.of()), context(Map.of())))
        .isEmpty();
  }

  @Test
  void tokenSpecReadsTheVariable() {
    TokenSource source = TokenSources.forRegistry(
        registry("https://r.dev/index.json", new AuthSpec.Token("TEAM_TOKEN"), Map.of()),
        context(Map.of("TEAM_TOKEN", "abc"))).orElseThrow();
    assertThat(source.describe()).isEqualTo("token:TEAM_TOKEN");
    assertThat(source.token().authorization()).isEqualTo("Bearer abc");
  }

  @Test
  void audienceDefaultsToTheRegistryOrigin() {
    assertThat(TokenSources.origin(registry("https://Plugins.Team.dev:443/v1/index.json", AuthSpec.NONE, Map.of())))
        .isEqualTo("https://plugins.team.dev");
    assertThat(TokenSources.origin(registry("http://127.0.0.1:8080/index.json", AuthSpec.NONE, Map.of())))
        .isEqualTo("http://127.0.0.1:8080");
    assertThatThrownBy(() -> TokenSources.origin(registry("./plugins", new AuthSpec.Oidc("github-actions"), Map.of())))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.hint()).contains("oidcAudience"));
  }

  @Test
  void oidcAudienceFieldOverridesTheOrigin() {
    RegistrySpec spec = registry("https://r.dev/index.json", new AuthSpec.Oidc("github-actions"),
        Map.of("oidcAudience", JsonNodeFactory.instance.textNode("mp-registry")));
    assertThat(TokenSources.explicitAudience(spec)).contains("mp-registry");
    RegistrySpec bad = registry("https://r.dev/index.json", new AuthSpec.Oidc("github-actions"),
        Map.of("oidcAudience", JsonNodeFactory.instance.numberNode(3)));
    assertThatThrownBy(() -> TokenSources.forRegistry(bad, context(Map.of())))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR);
          assertThat(e.getMessage()).isEqualTo("registry `team`: field `oidcAudience` must be a non-empty string");
        });
  }

  @Test
  void sourcesFetchNothingUntilAskedForAToken() {
    TokenSource source = TokenSources.forRegistry(
        registry("https://r.dev/index.json", new AuthSpec.Oidc("https://issuer.example"), Map.of()), context(Map.of()))
        .orElseThrow();
    assertThat(source.describe()).isEqualTo("oidc:https://issuer.example");
  }

  @Test
  void unknownProviderIsAConfigError() {
    assertThatThrownBy(() -> TokenSources.oidc("gitlab", null, Map.of(), java.time.Clock.systemUTC()))
        .isInstanceOfSatisfying(MpException.class,
            e -> assertThat(e.getMessage()).isEqualTo("unknown OIDC provider `oidc:gitlab`"));
  }
}
