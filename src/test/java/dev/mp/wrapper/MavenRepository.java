package dev.mp.wrapper;

import dev.mp.registry.LoopbackServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * A loopback HTTP server laid out like a Maven repository ({@code /maven2/dev/mp/mp/V/mp-V.jar} and
 * its {@code .sha256}), serving a real mp jar, counting requests, and able to misbehave.
 */
final class MavenRepository implements AutoCloseable {
  static final String VERSION = "0.1.0";

  final LoopbackServer server = LoopbackServer.start();
  final byte[] jar;
  final String sha256;

  private MavenRepository(byte[] jar) {
    this.jar = jar;
    this.sha256 = sha256(jar);
  }

  /** Serves {@code target/mp.jar} (what {@code package} built) as mp {@link #VERSION}. */
  static MavenRepository ofBuiltJar() {
    try {
      return new MavenRepository(Files.readAllBytes(Path.of("target/mp.jar")));
    } catch (IOException e) {
      throw new UncheckedIOException("target/mp.jar is built by `package`, before the *IT tests", e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String url() {
    return server.url("/maven2");
  }

  String jarPath() {
    return "/maven2/dev/mp/mp/" + VERSION + "/mp-" + VERSION + ".jar";
  }

  long jarRequests() {
    return server.count(jarPath());
  }

  /** The jar and its checksum, as a repository serves them; {@code handler} answers for the jar. */
  MavenRepository serve(LoopbackServer.Handler handler) {
    server.on(jarPath() + ".sha256", exchange -> LoopbackServer.send(exchange, 200,
        sha256.getBytes(StandardCharsets.UTF_8), "text/plain"));
    server.on(jarPath(), handler);
    return this;
  }

  /** The whole jar. */
  LoopbackServer.Handler whole() {
    return exchange -> LoopbackServer.send(exchange, 200, jar, "application/java-archive");
  }

  /** Promises the whole jar (Content-Length), sends half of it, and closes the connection. */
  LoopbackServer.Handler cutShort() {
    return exchange -> {
      exchange.sendResponseHeaders(200, jar.length);
      OutputStream out = exchange.getResponseBody();
      out.write(jar, 0, jar.length / 2);
      out.flush();
    };
  }

  /** Half of the jar, honestly declared: only the checksum can tell. */
  LoopbackServer.Handler half() {
    return exchange -> LoopbackServer.send(exchange, 200, java.util.Arrays.copyOf(jar, jar.length / 2),
        "application/java-archive");
  }

  @Override
  public void close() {
    server.close();
  }
}
