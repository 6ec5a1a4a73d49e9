package dev.mp.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.registry.LoopbackServer;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Package downloads against hostile or picky servers: time limits, size limits, where credentials go. */
class HttpDownloaderTest {
  @TempDir Path temp;
  private final LoopbackServer server = LoopbackServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  private static MessageDigest sha512() throws Exception {
    return MessageDigest.getInstance("SHA-512");
  }

  private static HttpDownloader.Credentials token(URI origin, String value, AtomicInteger refreshes) {
    return new HttpDownloader.Credentials(origin, () -> Optional.of("Bearer " + value),
        () -> refreshes.incrementAndGet() > 0, "token:TEAM_TOKEN");
  }

  @Test
  void aSlowDripIsCutOffByTheTotalTimeLimit() {
    server.on("/gamma.tgz", LoopbackServer.drip(100, 100));
    HttpDownloader downloader = new HttpDownloader(Duration.ofMillis(1500), Duration.ofSeconds(1));
    long start = System.nanoTime();

    assertThatThrownBy(() -> downloader.download(server.url("/gamma.tgz"), HttpDownloader.Credentials.NONE,
            temp.resolve("a"), 1 << 20, sha512()))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PACKAGE_UNAVAILABLE);
          assertThat(e.getMessage()).contains("took longer than 1500ms in all");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aBodyThatStallsIsCutOff() {
    server.on("/gamma.tgz", LoopbackServer.stalls("partial", 5000));
    HttpDownloader downloader = new HttpDownloader(Duration.ofSeconds(10), Duration.ofMillis(500));

    assertThatThrownBy(() -> downloader.download(server.url("/gamma.tgz"), HttpDownloader.Credentials.NONE,
            temp.resolve("a"), 1 << 20, sha512()))
        .isInstanceOfSatisfying(MpException.class,
            e -> assertThat(e.getMessage()).contains("stalled for more than 500ms"));
  }

  /** bench/faults.sh: these three answered `closed`, `HTTP 429` and `request timed out`. */
  @Test
  void aDroppedConnectionABusyRegistryAndNoAnswerAreSaidPlainly() {
    server.on("/dropped.tgz", LoopbackServer.truncated("partial", 100_000));
    server.on("/busy.tgz", exchange -> {
      exchange.getResponseHeaders().add("Retry-After", "30");
      LoopbackServer.send(exchange, 429, new byte[0], "text/plain");
    });
    server.on("/silent.tgz", LoopbackServer.slow(3000, LoopbackServer.json("late")));
    HttpDownloader downloader = new HttpDownloader(Duration.ofSeconds(10), Duration.ofMillis(500));

    assertThatThrownBy(() -> downloader.download(server.url("/dropped.tgz"), HttpDownloader.Credentials.NONE,
            temp.resolve("a"), 1 << 20, sha512()))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.getMessage())
            .contains("failed to download `").contains("the connection closed before the whole response arrived (after 7 bytes)"));
    assertThatThrownBy(() -> downloader.download(server.url("/busy.tgz"), HttpDownloader.Credentials.NONE,
            temp.resolve("b"), 1 << 20, sha512()))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.getMessage())
            .endsWith("busy.tgz`: HTTP 429; the registry asks to retry after 30 s"));
    assertThatThrownBy(() -> downloader.download(server.url("/silent.tgz"), HttpDownloader.Credentials.NONE,
            temp.resolve("c"), 1 << 20, sha512()))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.getMessage())
            .endsWith("silent.tgz`: no response within 500ms"));
  }

  @Test
  void anEndlessBodyIsRefusedAtTheSizeLimit() {
    server.on("/gamma.tgz", LoopbackServer.endless(64L << 20));
    HttpDownloader downloader = new HttpDownloader(Duration.ofSeconds(10), Duration.ofSeconds(5));

    assertThatThrownBy(() -> downloader.download(server.url("/gamma.tgz"), HttpDownloader.Credentials.NONE,
            temp.resolve("a"), 1 << 20, sha512()))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_PACKAGE));
  }

  @Test
  void credentialsGoOnlyToTheRegistrysOwnOrigin() throws Exception {
    server.on("/gamma.tgz", LoopbackServer.json("archive"));
    HttpDownloader downloader = new HttpDownloader();
    URI registryElsewhere = URI.create("https://plugins.team.dev/index.json");

    downloader.download(server.url("/gamma.tgz"), token(registryElsewhere, "s3cret", new AtomicInteger()),
        temp.resolve("a"), 1 << 20, sha512());

    assertThat(server.requests().get(0).header("Authorization")).as("an index cannot send the token elsewhere")
        .isNull();
  }

  @Test
  void a401IsAnsweredWithFreshCredentialsOnce() throws Exception {
    server.on("/gamma.tgz", exchange -> {
      boolean fresh = "Bearer second".equals(exchange.getRequestHeaders().getFirst("Authorization"));
      LoopbackServer.send(exchange, fresh ? 200 : 401, "archive".getBytes(java.nio.charset.StandardCharsets.UTF_8),
          "application/gzip");
    });
    AtomicInteger refreshes = new AtomicInteger();
    String[] current = {"first"};
    HttpDownloader.Credentials credentials = new HttpDownloader.Credentials(server.uri("/index.json"),
        () -> Optional.of("Bearer " + current[0]), () -> {
          refreshes.incrementAndGet();
          current[0] = "second";
          return true;
        }, "oidc:github-actions");

    new HttpDownloader().download(server.url("/gamma.tgz"), credentials, temp.resolve("a"), 1 << 20, sha512());

    assertThat(refreshes.get()).isEqualTo(1);
    assertThat(server.count("/gamma.tgz")).isEqualTo(2);
  }

  @Test
  void credentialsAreNotSentOverPlainHttpToAnotherMachine() {
    HttpDownloader.Credentials credentials = token(URI.create("http://plugins.example.invalid/index.json"), "s3cret",
        new AtomicInteger());

    assertThatThrownBy(() -> new HttpDownloader().download("http://plugins.example.invalid/gamma.tgz", credentials,
            temp.resolve("a"), 1 << 20, sha512()))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR);
          assertThat(e.getMessage()).contains("over plain http").doesNotContain("s3cret");
        });
  }
}
