package dev.mp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.MpException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code oidc:github-actions}: an ID token from the GitHub Actions token service. The job's runner sets
 * {@code ACTIONS_ID_TOKEN_REQUEST_URL} and {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN} when the workflow has
 * {@code permissions: id-token: write}; mp requests {@code <url>&audience=<audience>} with {@code
 * Authorization: bearer <request token>} and reads {@code {"value": "<jwt>"}}. The JWT's {@code exp} is
 * its expiry.
 */
final class GitHubActionsFetcher implements CachingTokenSource.Fetcher {
  static final String URL_VARIABLE = "ACTIONS_ID_TOKEN_REQUEST_URL";
  static final String TOKEN_VARIABLE = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";
  private static final String PROVIDER = "oidc:github-actions";

  private final String audience;
  private final Map<String, String> env;
  private final OidcHttp http = new OidcHttp("`" + PROVIDER + "`");

  GitHubActionsFetcher(String audience, Map<String, String> env) {
    this.audience = audience;
    this.env = env;
  }

  @Override
  public AccessToken fetch() {
    List<String> missing = new ArrayList<>();
    for (String variable : List.of(URL_VARIABLE, TOKEN_VARIABLE)) {
      String value = env.get(variable);
      if (value == null || value.isBlank()) {
        missing.add(variable);
      }
    }
    if (!missing.isEmpty()) {
      throw MpException.config("`" + PROVIDER + "` needs " + String.join(" and ", missing)
              + (missing.size() == 1 ? ", which is not set" : ", which are not set"),
          "GitHub sets them in a job whose workflow grants `permissions: id-token: write`",
          "outside GitHub Actions, use `oidc:env:VAR` or an issuer URL instead");
    }
    String base = env.get(URL_VARIABLE).strip();
    URI uri = http.endpoint(base + (base.contains("?") ? "&" : "?") + "audience="
        + URLEncoder.encode(audience, StandardCharsets.UTF_8), "the GitHub Actions token URL (" + URL_VARIABLE + ")");
    String requestToken = env.get(TOKEN_VARIABLE).strip();
    if (requestToken.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw MpException.config("`" + PROVIDER + "`: the value of " + TOKEN_VARIABLE + " is not a token");
    }
    OidcHttp.Response response =
        http.send(HttpRequest.newBuilder(uri).GET().header("Authorization", "bearer " + requestToken),
            "the GitHub Actions token service");
    if (response.status() == 401 || response.status() == 403) {
      throw MpException.config("`" + PROVIDER + "`: the GitHub Actions token service refused "
              + TOKEN_VARIABLE + " (HTTP " + response.status() + ")",
          "does the workflow grant `permissions: id-token: write`?");
    }
    if (response.status() != 200) {
      throw http.unavailable("the GitHub Actions token service answered HTTP " + response.status());
    }
    JsonNode value = http.json(response, "the GitHub Actions token service").get("value");
    if (value == null || !value.isTextual() || value.textValue().isBlank()) {
      throw http.unavailable("the GitHub Actions token service sent no `value`");
    }
    try {
      return new AccessToken(value.textValue(), Jwt.expiry(value.textValue()).orElse(null));
    } catch (IllegalArgumentException e) {
      throw http.unavailable("the GitHub Actions token service sent a `value` that is not a token");
    }
  }
}
