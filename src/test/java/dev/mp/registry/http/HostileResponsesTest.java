package dev.mp.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.registry.LoopbackServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registry servers that try to hold mp forever or fill its disk: bounded by time and by size. */
class HostileResponsesTest {
  @TempDir Path temp;
  private final LoopbackServer server = LoopbackServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  private FetchResult get(HttpSettings settings, String path) {
    return new HttpFetcher(settings).fetch(
        new FetchRequest(server.uri(path), CredentialProvider.NONE, null, null, temp.resolve("body")));
  }

  @Test
  void aSlowDripThatNeverStallsIsCutOffByTheTotalTimeLimit() {
    server.on("/index.json", LoopbackServer.drip(100, 100));
    HttpSettings settings = HttpSettings.DEFAULT.withTimeouts(Duration.ofSeconds(1))
        .withTotalTimeout(Duration.ofMillis(1500));
    long start = System.nanoTime();

    FetchResult.Failed failed = (FetchResult.Failed) get(settings, "/index.json");

    assertThat(failed.kind()).isEqualTo(FetchResult.Kind.TIMEOUT);
    assertThat(failed.message()).contains("took longer than 1500ms in all");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(temp.resolve("body")).doesNotExist();
  }

  @Test
  void anEndlessBodyIsCutOffAtTheSizeLimitWhileStreaming() {
    server.on("/index.json", LoopbackServer.endless(64L << 20));
    HttpSettings settings = HttpSettings.DEFAULT.withTimeouts(Duration.ofSeconds(5)).withMaxBytes(1 << 20);

    FetchResult.Failed failed = (FetchResult.Failed) get(settings, "/index.json");

    assertThat(failed.kind()).isEqualTo(FetchResult.Kind.TOO_LARGE);
    assertThat(temp.resolve("body")).doesNotExist();
    assertThat(temp.toFile().list()).as("no partial download left behind").isEmpty();
  }
}
