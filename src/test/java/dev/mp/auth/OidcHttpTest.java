package dev.mp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hostile token endpoints: answers that drip forever or never end. */
class OidcHttpTest {
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/drip", exchange -> {
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < 600; i++) {
          out.write('{');
          out.flush();
          Thread.sleep(100);
        }
      } catch (IOException | InterruptedException gone) {
        // The client hung up, as it should.
      }
    });
    server.createContext("/endless", exchange -> {
      exchange.sendResponseHeaders(200, 0);
      byte[] chunk = new byte[64 * 1024];
      try (OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < 10_000; i++) {
          out.write(chunk);
        }
      } catch (IOException gone) {
        // The client hung up, as it should.
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void aSlowDripIsCutOffAtTheTimeLimit() {
    OidcHttp http = new OidcHttp("`oidc:test`", Duration.ofMillis(700));
    long start = System.nanoTime();
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(uri("/drip")).GET(), "the token endpoint"))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.REGISTRY_UNAVAILABLE);
          assertThat(e.getMessage()).isEqualTo("`oidc:test`: the token endpoint did not answer within 700 ms");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void anEndlessAnswerIsCutOffAtTheSizeLimit() {
    OidcHttp http = new OidcHttp("`oidc:test`", Duration.ofSeconds(20));
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(uri("/endless")).GET(), "the token endpoint"))
        .isInstanceOfSatisfying(MpException.class,
            e -> assertThat(e.getMessage()).isEqualTo("`oidc:test`: the token endpoint sent more than 256 KiB"));
  }
}
