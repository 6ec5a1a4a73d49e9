package dev.mp.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mp.io.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OIDC-speaking server on loopback, written for the tests: an issuer with a discovery document and
 * a client-credentials token endpoint, a GitHub Actions ID-token endpoint, and a protected registry
 * index that accepts only tokens it issued and has not revoked. It counts every request.
 */
final class OidcTestServer implements AutoCloseable {
  static final String CLIENT_ID = "mp-ci";
  static final String CLIENT_SECRET = "s3cr3t-client-secret";
  static final String RUNNER_TOKEN = "runner-request-token-123";

  private final HttpServer server;
  private final Set<String> valid = ConcurrentHashMap.newKeySet();
  private final AtomicInteger issued = new AtomicInteger();
  final AtomicInteger discoveryRequests = new AtomicInteger();
  final AtomicInteger tokenRequests = new AtomicInteger();
  final AtomicInteger githubRequests = new AtomicInteger();
  final AtomicInteger indexRequests = new AtomicInteger();
  final AtomicInteger elsewhereRequests = new AtomicInteger();
  final List<Map<String, String>> tokenForms = new CopyOnWriteArrayList<>();
  final List<String> githubAudiences = new CopyOnWriteArrayList<>();

  /** What the discovery document lists as auth methods; null leaves the field out. */
  volatile List<String> authMethods = null;
  /** Lifetime given in {@code expires_in}; null leaves it out. */
  volatile Long expiresIn = 300L;
  /** Issue JWTs (with {@code exp}) instead of opaque tokens. */
  volatile boolean jwt;
  /** The expiry put in JWTs. */
  volatile Instant jwtExpiry = Instant.parse("2030-01-01T00:00:00Z");
  /** Overrides the {@code issuer} in the discovery document when not null. */
  volatile String issuerOverride;
  /** Makes the token endpoint redirect to {@code /elsewhere} instead of answering. */
  volatile boolean redirectTokenEndpoint;
  /** Makes the token endpoint answer with this many bytes of padding. */
  volatile int tokenPadding;
  /** Makes the error answer echo the secret it was sent (a careless server). */
  volatile boolean echoSecretInErrors;
  /** The registry index served at {@code /index.json} to holders of a valid token. */
  volatile String indexBody = "{\"version\": 1, \"plugins\": {}}";
  /** Forgets every token right after serving a protected resource, so the next use gets a 401. */
  volatile boolean revokeAfterEachServe;
  /** Every token issued, in order (for tests that look for leaks). */
  final List<String> issuedTokens = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> packages = new ConcurrentHashMap<>();
  final AtomicInteger packageRequests = new AtomicInteger();
  final AtomicInteger refusedRequests = new AtomicInteger();

  OidcTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/.well-known/openid-configuration", this::discovery);
    server.createContext("/token", this::token);
    server.createContext("/gha", this::github);
    server.createContext("/index.json", this::index);
    server.createContext("/packages/", this::pkg);
    server.createContext("/elsewhere", exchange -> {
      elsewhereRequests.incrementAndGet();
      send(exchange, 200, "{\"access_token\": \"stolen\"}");
    });
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The server forgets every token it issued, as if they had expired on its side. */
  void revokeAll() {
    valid.clear();
  }

  int issuedCount() {
    return issued.get();
  }

  private void discovery(HttpExchange exchange) throws IOException {
    discoveryRequests.incrementAndGet();
    ObjectNode document = Json.object();
    document.put("issuer", issuerOverride != null ? issuerOverride : base());
    document.put("token_endpoint", base() + "/token");
    if (authMethods != null) {
      authMethods.forEach(document.putArray("token_endpoint_auth_methods_supported")::add);
    }
    send(exchange, 200, document.toString());
  }

  private void token(HttpExchange exchange) throws IOException {
    tokenRequests.incrementAndGet();
    if (redirectTokenEndpoint) {
      exchange.getResponseHeaders().add("Location", base() + "/elsewhere");
      send(exchange, 307, "");
      return;
    }
    Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    tokenForms.add(form);
    String id = form.get("client_id");
    String secret = form.get("client_secret");
    String basic = exchange.getRequestHeaders().getFirst("Authorization");
    if (basic != null && basic.startsWith("Basic ")) {
      String pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
      id = URLDecoder.decode(pair.substring(0, pair.indexOf(':')), StandardCharsets.UTF_8);
      secret = URLDecoder.decode(pair.substring(pair.indexOf(':') + 1), StandardCharsets.UTF_8);
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      send(exchange, 400, "{\"error\": \"unsupported_grant_type\"}");
      return;
    }
    if (!CLIENT_ID.equals(id) || !CLIENT_SECRET.equals(secret)) {
      String description = echoSecretInErrors ? "bad secret " + secret : "client authentication failed";
      send(exchange, 401, "{\"error\": \"invalid_client\", \"error_description\": \"" + description + "\"}");
      return;
    }
    String token = newToken(jwt);
    ObjectNode answer = Json.object();
    answer.put("access_token", token);
    answer.put("token_type", "Bearer");
    if (expiresIn != null) {
      answer.put("expires_in", expiresIn);
    }
    if (tokenPadding > 0) {
      answer.put("padding", "x".repeat(tokenPadding));
    }
    send(exchange, 200, answer.toString());
  }

  private void github(HttpExchange exchange) throws IOException {
    githubRequests.incrementAndGet();
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (!("bearer " + RUNNER_TOKEN).equals(authorization)) {
      send(exchange, 403, "{\"message\": \"forbidden\"}");
      return;
    }
    Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
    githubAudiences.add(query.get("audience"));
    String token = newToken(true);
    send(exchange, 200, "{\"count\": 1, \"value\": \"" + token + "\"}");
  }

  private void index(HttpExchange exchange) throws IOException {
    indexRequests.incrementAndGet();
    if (authorized(exchange)) {
      send(exchange, 200, indexBody);
      afterServe();
    }
  }

  /** Serves {@code body} at {@code /packages/NAME} to holders of a valid token. */
  void servePackage(String name, byte[] body) {
    packages.put("/packages/" + name, body);
  }

  private void pkg(HttpExchange exchange) throws IOException {
    packageRequests.incrementAndGet();
    if (!authorized(exchange)) {
      return;
    }
    byte[] body = packages.get(exchange.getRequestURI().getPath());
    if (body == null) {
      send(exchange, 404, "{}");
      return;
    }
    exchange.getResponseHeaders().add("Content-Type", "application/gzip");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
    afterServe();
  }

  private boolean authorized(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null || !authorization.startsWith("Bearer ") || !valid.contains(authorization.substring(7))) {
      refusedRequests.incrementAndGet();
      send(exchange, 401, "{\"error\": \"unauthorized\"}");
      return false;
    }
    return true;
  }

  private void afterServe() {
    if (revokeAfterEachServe) {
      valid.clear();
    }
  }

  private String newToken(boolean asJwt) {
    int n = issued.incrementAndGet();
    String token;
    if (asJwt) {
      Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
      String header = url.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
      String payload = url.encodeToString(("{\"sub\":\"mp\",\"n\":" + n + ",\"exp\":" + jwtExpiry.getEpochSecond() + "}")
          .getBytes(StandardCharsets.UTF_8));
      token = header + "." + payload + ".c2ln";
    } else {
      token = "opaque-token-" + n;
    }
    valid.add(token);
    issuedTokens.add(token);
    return token;
  }

  private static Map<String, String> form(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return values;
    }
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return values;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  List<String> formNames(int request) {
    return new ArrayList<>(tokenForms.get(request).keySet());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
