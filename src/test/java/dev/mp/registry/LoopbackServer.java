package dev.mp.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * A real HTTP server on {@code 127.0.0.1:0} for registry tests: serves fixtures, records every request
 * (with its headers), answers in parallel, and has handlers for 304s, errors, slow and broken answers.
 */
public final class LoopbackServer implements AutoCloseable {
  /** What a request carried. */
  public record Request(String method, String path, Map<String, List<String>> headers) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name)) {
          return entry.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** Answers one request. */
  @FunctionalInterface
  public interface Handler {
    void handle(HttpExchange exchange) throws IOException, InterruptedException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = new ArrayList<>();

  private LoopbackServer(HttpServer server) {
    this.server = server;
  }

  public static LoopbackServer start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      LoopbackServer loopback = new LoopbackServer(server);
      server.setExecutor(loopback.executor);
      server.start();
      return loopback;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public String url(String path) {
    return uri(path).toString();
  }

  /** Serves {@code path} with {@code handler}, recording each request first. */
  public LoopbackServer on(String path, Handler handler) {
    server.createContext(path, exchange -> {
      synchronized (requests) {
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
            new LinkedHashMap<>(exchange.getRequestHeaders())));
      }
      try {
        handler.handle(exchange);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // The client went away (a test of timeouts); nothing to answer.
      } finally {
        exchange.close();
      }
    });
    return this;
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  public long count(String path) {
    return requests().stream().filter(r -> r.path().equals(path)).count();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // Handlers.

  /** 200 with {@code body}; with an {@code ETag}, a matching {@code If-None-Match} gets 304. */
  public static Handler json(String body, String etag) {
    return exchange -> {
      if (etag != null) {
        exchange.getResponseHeaders().add("ETag", etag);
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
          exchange.sendResponseHeaders(304, -1);
          return;
        }
      }
      send(exchange, 200, body.getBytes(StandardCharsets.UTF_8), "application/json");
    };
  }

  public static Handler json(String body) {
    return json(body, null);
  }

  /** 200 with the body gzip-encoded when the client accepts gzip. */
  public static Handler gzipJson(String body) {
    return exchange -> {
      String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      if (accept != null && accept.toLowerCase(Locale.ROOT).contains("gzip")) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
          gzip.write(bytes);
        }
        exchange.getResponseHeaders().add("Content-Encoding", "gzip");
        bytes = compressed.toByteArray();
      }
      send(exchange, 200, bytes, "application/json");
    };
  }

  /** A bare status with a short text body. */
  public static Handler status(int code) {
    return exchange -> send(exchange, code, ("status " + code).getBytes(StandardCharsets.UTF_8), "text/plain");
  }

  /** Waits {@code millis} before handing over to {@code then}. */
  public static Handler slow(long millis, Handler then) {
    return exchange -> {
      Thread.sleep(millis);
      then.handle(exchange);
    };
  }

  /** Promises {@code declared} bytes, sends {@code body}, and closes. */
  public static Handler truncated(String body, int declared) {
    return exchange -> {
      exchange.sendResponseHeaders(200, declared);
      OutputStream out = exchange.getResponseBody();
      out.write(body.getBytes(StandardCharsets.UTF_8));
      out.flush();
    };
  }

  /** Sends part of a body, then goes silent for {@code millis}. */
  public static Handler stalls(String start, long millis) {
    return exchange -> {
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write(start.getBytes(StandardCharsets.UTF_8));
      out.flush();
      Thread.sleep(millis);
    };
  }

  /**
   * Sends one byte every {@code millis}, at most {@code bytes} of them (so the server stops by itself),
   * never stalling long enough for a stall timeout.
   */
  public static Handler drip(long millis, int bytes) {
    return exchange -> {
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      for (int i = 0; i < bytes; i++) {
        out.write(i == 0 ? '{' : ' ');
        out.flush();
        Thread.sleep(millis);
      }
    };
  }

  /** Sends 64 KiB chunks until the client goes away or {@code maxBytes} are sent. */
  public static Handler endless(long maxBytes) {
    return exchange -> {
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) ' ');
      chunk[0] = '[';
      for (long sent = 0; sent < maxBytes; sent += chunk.length) {
        out.write(chunk);
        chunk[0] = ' ';
      }
    };
  }

  /** A redirect to {@code location}. */
  public static Handler redirect(int code, String location) {
    return exchange -> {
      exchange.getResponseHeaders().add("Location", location);
      exchange.sendResponseHeaders(code, -1);
    };
  }

  /** 200 for requests carrying {@code Authorization: Bearer <token>}, 401 otherwise. */
  public static Handler requiresToken(String token, Handler then) {
    return exchange -> {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization == null) {
        send(exchange, 401, "login required".getBytes(StandardCharsets.UTF_8), "text/plain");
      } else if (!authorization.equals("Bearer " + token)) {
        send(exchange, 403, "forbidden".getBytes(StandardCharsets.UTF_8), "text/plain");
      } else {
        then.handle(exchange);
      }
    };
  }

  public static void send(HttpExchange exchange, int code, byte[] body, String contentType) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", contentType);
    exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
