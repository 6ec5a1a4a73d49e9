package dev.mp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.MpException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code oidc:https://issuer}: an access token by the OAuth 2.0 client-credentials grant (RFC 6749
 * §4.4). The token endpoint is found in the issuer's discovery document ({@code
 * <issuer>/.well-known/openid-configuration}, whose {@code issuer} must be the configured one); the
 * client authenticates with {@code MP_OIDC_CLIENT_ID}/{@code MP_OIDC_CLIENT_SECRET} by HTTP Basic
 * ({@code client_secret_basic}, the default) or, when the issuer supports only that, form fields
 * ({@code client_secret_post}). {@code MP_OIDC_SCOPE}, when set, is sent as {@code scope}; an explicit
 * audience as {@code audience}. The token expires after {@code expires_in}, else at its JWT {@code exp}.
 */
final class ClientCredentialsFetcher implements CachingTokenSource.Fetcher {
  static final String CLIENT_ID = "MP_OIDC_CLIENT_ID";
  static final String CLIENT_SECRET = "MP_OIDC_CLIENT_SECRET";
  static final String SCOPE = "MP_OIDC_SCOPE";
  private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final String provider;
  private final String issuer;
  private final String audience;
  private final Map<String, String> env;
  private final Clock clock;
  private final OidcHttp http;
  private Discovery discovery;

  private record Discovery(URI tokenEndpoint, boolean basic) {}

  /** @param audience sent as {@code audience} when not null */
  ClientCredentialsFetcher(String issuer, String audience, Map<String, String> env, Clock clock) {
    this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    this.provider = "`oidc:" + issuer + "`";
    this.audience = audience;
    this.env = env;
    this.clock = clock;
    this.http = new OidcHttp(provider);
  }

  @Override
  public AccessToken fetch() {
    String clientId = required(CLIENT_ID, CLIENT_SECRET);
    String secret = env.get(CLIENT_SECRET).strip();
    Discovery endpoint = discover();
    StringBuilder form = new StringBuilder("grant_type=client_credentials");
    String scope = env.get(SCOPE);
    if (scope != null && !scope.isBlank()) {
      form.append("&scope=").append(encode(scope.strip()));
    }
    if (audience != null) {
      form.append("&audience=").append(encode(audience));
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.tokenEndpoint())
        .header("Content-Type", "application/x-www-form-urlencoded");
    if (endpoint.basic()) {
      // RFC 6749 §2.3.1: both parts are form-encoded before they are joined and base64-encoded.
      String pair = encode(clientId) + ":" + encode(secret);
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    } else {
      form.append("&client_id=").append(encode(clientId)).append("&client_secret=").append(encode(secret));
    }
    Instant requestedAt = clock.instant();
    OidcHttp.Response response = http.send(
        request.POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8)), "the token endpoint");
    if (response.status() == 400 || response.status() == 401 || response.status() == 403) {
      throw refused(response, List.of(clientId, secret));
    }
    if (response.status() != 200) {
      throw http.unavailable("the token endpoint answered HTTP " + response.status());
    }
    return token(http.json(response, "the token endpoint"), requestedAt);
  }

  private AccessToken token(JsonNode answer, Instant requestedAt) {
    JsonNode accessToken = answer.get("access_token");
    if (accessToken == null || !accessToken.isTextual() || accessToken.textValue().isBlank()) {
      throw http.unavailable("the token endpoint sent no `access_token`");
    }
    JsonNode type = answer.get("token_type");
    if (type != null && !(type.isTextual() && type.textValue().toLowerCase(Locale.ROOT).equals("bearer"))) {
      throw http.unavailable("the token endpoint sent a token of type " + type + ", not `Bearer`");
    }
    JsonNode expiresIn = answer.get("expires_in");
    Instant expiresAt = expiresIn != null && expiresIn.isNumber() && expiresIn.canConvertToLong()
        ? requestedAt.plusSeconds(Math.max(0, Math.min(expiresIn.asLong(), 366L * 24 * 3600)))
        : Jwt.expiry(accessToken.textValue()).orElse(null);
    try {
      return new AccessToken(accessToken.textValue(), expiresAt);
    } catch (IllegalArgumentException e) {
      throw http.unavailable("the token endpoint sent an `access_token` that is not a bearer token");
    }
  }

  private synchronized Discovery discover() {
    if (discovery != null) {
      return discovery;
    }
    URI url = http.endpoint(issuer + "/.well-known/openid-configuration", "the issuer");
    OidcHttp.Response response = http.send(HttpRequest.newBuilder(url).GET(), "the discovery document");
    if (response.status() != 200) {
      throw http.unavailable("the discovery document `" + OidcHttp.display(url) + "` answered HTTP " + response.status());
    }
    JsonNode document = http.json(response, "the discovery document");
    JsonNode named = document.get("issuer");
    String namedIssuer = named != null && named.isTextual() ? named.textValue().replaceAll("/$", "") : null;
    if (!issuer.equals(namedIssuer)) {
      throw MpException.config(provider + ": the discovery document names issuer "
              + (named == null ? "none" : named.toString()) + ", not `" + issuer + "`",
          "the `auth` issuer URL must be exactly the issuer's own (OpenID Connect Discovery §4.3)");
    }
    JsonNode endpoint = document.get("token_endpoint");
    if (endpoint == null || !endpoint.isTextual()) {
      throw http.unavailable("the discovery document has no `token_endpoint`");
    }
    URI tokenEndpoint = http.endpoint(endpoint.textValue(), "the token endpoint");
    discovery = new Discovery(tokenEndpoint, usesBasic(document.get("token_endpoint_auth_methods_supported")));
    return discovery;
  }

  /** {@code client_secret_basic} unless the issuer lists methods without it but with {@code client_secret_post}. */
  private boolean usesBasic(JsonNode methods) {
    if (methods == null || !methods.isArray() || methods.isEmpty()) {
      return true; // the default of OpenID Connect Discovery §3
    }
    List<String> names = new ArrayList<>();
    methods.forEach(method -> names.add(method.asText()));
    if (names.contains("client_secret_basic")) {
      return true;
    }
    if (names.contains("client_secret_post")) {
      return false;
    }
    throw MpException.config(provider + ": the issuer supports neither `client_secret_basic` nor `client_secret_post`",
        "mp authenticates with " + CLIENT_ID + " and " + CLIENT_SECRET + " only");
  }

  private MpException refused(OidcHttp.Response response, List<String> secrets) {
    String reason = "";
    try {
      JsonNode answer = http.json(response, "the token endpoint");
      JsonNode error = answer.get("error");
      if (error != null && error.isTextual() && ERROR_CODE.matcher(error.textValue()).matches()) {
        reason = ": " + error.textValue();
      }
    } catch (MpException notJson) {
      // The status alone says enough.
    }
    for (String secret : secrets) {
      if (!secret.isEmpty() && reason.contains(secret)) {
        reason = "";
      }
    }
    return MpException.config(provider + ": the token endpoint refused the client credentials from "
            + CLIENT_ID + " and " + CLIENT_SECRET + " (HTTP " + response.status() + reason + ")",
        "check both variables, and that the client may use the client-credentials grant");
  }

  private String required(String... names) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      String value = env.get(name);
      if (value == null || value.isBlank()) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw MpException.config(provider + " needs " + String.join(" and ", missing)
              + (missing.size() == 1 ? ", which is not set" : ", which are not set"),
          "set the client id and secret the issuer gave mp's client, e.g. from your CI's secret store");
    }
    return env.get(names[0]).strip();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
