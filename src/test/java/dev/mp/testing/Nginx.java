package dev.mp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real nginx (the Debian package {@code nginx}) serving a folder as static files on a free loopback
 * port, for tests where static hosting is the point: its own ETag and Last-Modified, its 304s, its
 * access log. Everything nginx writes (configuration, pid, logs, temp folders) lives under the
 * test's folder; a high port needs no root. Stopped by {@link #close}.
 *
 * <p>When nginx is not installed the tests that need it are skipped, unless {@code MP_REQUIRE_NGINX}
 * is set (as {@code .ci/run} does): then its absence is a failure.
 */
public final class Nginx implements AutoCloseable {
  private static final List<Path> LOCATIONS = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/local/sbin/nginx"),
      Path.of("/usr/bin/nginx"), Path.of("/usr/local/bin/nginx"));

  private final Process process;
  private final int port;
  private final Path accessLog;
  private final Path errorLog;

  private Nginx(Process process, int port, Path accessLog, Path errorLog) {
    this.process = process;
    this.port = port;
    this.accessLog = accessLog;
    this.errorLog = errorLog;
  }

  /**
   * Serves {@code root} on a free port of 127.0.0.1, with everything nginx writes under {@code work};
   * skips the test (or fails it under {@code MP_REQUIRE_NGINX}) when nginx is not installed.
   */
  public static Nginx serve(Path root, Path work) {
    return serve(work, port -> String.join("\n",
        "  server {",
        "    listen 127.0.0.1:" + port + ";",
        "    root " + root.toAbsolutePath() + ";",
        "  }"));
  }

  /**
   * Serves what {@code server} (one nginx {@code server} block, given the free port to listen on)
   * describes, with everything nginx writes under {@code work}.
   */
  public static Nginx serve(Path work, java.util.function.IntFunction<String> server) {
    Optional<Path> executable = LOCATIONS.stream().filter(Files::isExecutable).findFirst();
    if (executable.isEmpty()) {
      String why = "nginx is not installed (Debian package `nginx`)";
      if (System.getenv("MP_REQUIRE_NGINX") != null) {
        throw new AssertionError(why + "; MP_REQUIRE_NGINX is set, so this is a failure");
      }
      Assumptions.abort(why);
    }
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        int port = freePort();
        return start(executable.get(), server.apply(port), work.toAbsolutePath(), port);
      } catch (IOException e) {
        last = e; // another process took the port between the probe and nginx's bind: try another
      }
    }
    throw new UncheckedIOException(last);
  }

  private static Nginx start(Path executable, String server, Path work, int port) throws IOException {
    Files.createDirectories(work.resolve("temp"));
    Path accessLog = work.resolve("access.log");
    Path errorLog = work.resolve("error.log");
    Files.deleteIfExists(accessLog);
    Files.deleteIfExists(errorLog);
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    String config = String.join("\n",
        "daemon off;",
        "worker_processes 1;",
        // As root nginx would switch its workers to `nobody`, who cannot read a test's private temp folder.
        asRoot ? "user root root;" : "",
        "pid " + work.resolve("nginx.pid") + ";",
        "error_log " + errorLog + " info;",
        "events { worker_connections 64; }",
        "http {",
        "  types { application/json json; application/gzip tgz; application/zip zip; text/plain sig; }",
        "  default_type application/octet-stream;",
        "  log_format requests '$request_method $uri $status $body_bytes_sent';",
        "  access_log " + accessLog + " requests;",
        "  client_body_temp_path " + work.resolve("temp/body") + ";",
        "  proxy_temp_path " + work.resolve("temp/proxy") + ";",
        "  fastcgi_temp_path " + work.resolve("temp/fastcgi") + ";",
        "  uwsgi_temp_path " + work.resolve("temp/uwsgi") + ";",
        "  scgi_temp_path " + work.resolve("temp/scgi") + ";",
        server,
        "}",
        "");
    Path conf = work.resolve("nginx.conf");
    Files.writeString(conf, config, StandardCharsets.UTF_8);
    Process process = new ProcessBuilder(executable.toString(), "-p", work.toString(), "-c", conf.toString(),
        "-e", errorLog.toString())
        .redirectErrorStream(true)
        .redirectOutput(work.resolve("nginx.out").toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("nginx exited " + process.exitValue() + ": " + read(work.resolve("nginx.out")) + read(errorLog));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return new Nginx(process, port, accessLog, errorLog);
      } catch (IOException notYet) {
        sleep();
      }
    }
    process.destroyForcibly();
    throw new AssertionError("nginx did not listen on port " + port + " within 20 s: " + read(errorLog));
  }

  /** {@code http://127.0.0.1:PORT/}. */
  public String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  /** The requests served so far, one {@code METHOD /path STATUS BYTES} line each. */
  public List<String> requests() {
    try {
      return Files.exists(accessLog) ? Files.readAllLines(accessLog, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many requests for {@code path} were answered with {@code status}. */
  public long count(String path, int status) {
    return requests().stream().filter(line -> line.startsWith("GET " + path + " " + status + " ")).count();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** What nginx logged as errors, for failure messages. */
  public String errors() {
    return read(errorLog);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
