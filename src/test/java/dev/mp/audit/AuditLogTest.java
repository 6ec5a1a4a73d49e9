package dev.mp.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir Path project;

  @Test
  void appendsOneLinePerEventAndNeverRewrites() throws Exception {
    Path file = project.resolve(".claude/federation-audit.jsonl");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"existing\":true}\n");
    AuditLog log = new AuditLog(file, Clock.fixed(Instant.parse("2026-06-01T12:00:00.123Z"), ZoneOffset.UTC));
    log.append("conflict", Json.object().put("plugin", "gamma"));
    assertThat(Files.readAllLines(file)).containsExactly(
        "{\"existing\":true}",
        "{\"time\":\"2026-06-01T12:00:00Z\",\"event\":\"conflict\",\"plugin\":\"gamma\"}");
  }

  @Test
  void writesTheTimeAsIsoInstantDoes() {
    java.util.Random random = new java.util.Random(15);
    long[] edges = {0, -1, 86_399, 86_400, 951_782_400, 253_402_300_799L, 253_402_300_800L, -62_167_219_200L,
        -62_167_219_201L, Instant.MAX.getEpochSecond(), Instant.MIN.getEpochSecond()};
    for (long second : edges) {
      assertThat(AuditLog.isoSecond(second))
          .isEqualTo(java.time.format.DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(second)));
    }
    for (int i = 0; i < 10_000; i++) {
      long second = random.nextLong() % 300_000_000_000L;
      assertThat(AuditLog.isoSecond(second))
          .isEqualTo(java.time.format.DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(second)));
    }
  }

  @Test
  void keepsTheEventsOwnMembersInOrderButNotItsTimeOrName() throws Exception {
    Path file = project.resolve("audit.jsonl");
    AuditLog log = new AuditLog(file, Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));
    log.append("conflict", Json.object().put("z", 1).put("time", "x").put("event", "y").put("a", "\"q\"\n")
        .putNull("n"));
    assertThat(Files.readAllLines(file)).containsExactly(
        "{\"time\":\"2026-06-01T12:00:00Z\",\"event\":\"conflict\",\"z\":1,\"a\":\"\\\"q\\\"\\n\",\"n\":null}");
  }

  @Test
  void appendsSeveralEventsTogetherInOrder() throws Exception {
    Path file = project.resolve(".claude/federation-audit.jsonl");
    AuditLog log = new AuditLog(file, Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));
    log.append("policy-denied", Json.object().put("plugin", "x"));
    log.appendAll("conflict", List.of(Json.object().put("plugin", "alpha"), Json.object().put("plugin", "gamma")));
    log.appendAll("conflict", List.of());
    assertThat(Files.readAllLines(file)).containsExactly(
        "{\"time\":\"2026-06-01T12:00:00Z\",\"event\":\"policy-denied\",\"plugin\":\"x\"}",
        "{\"time\":\"2026-06-01T12:00:00Z\",\"event\":\"conflict\",\"plugin\":\"alpha\"}",
        "{\"time\":\"2026-06-01T12:00:00Z\",\"event\":\"conflict\",\"plugin\":\"gamma\"}");
  }

  @Test
  void concurrentWritersNeverInterleaveLines() throws Exception {
    Path file = project.resolve("audit.jsonl");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      int thread = t;
      pool.submit(() -> {
        AuditLog log = new AuditLog(file, Clock.systemUTC());
        for (int i = 0; i < 50; i++) {
          log.append("conflict", Json.object().put("plugin", "p" + thread + "-" + i).put("pad", "x".repeat(500)));
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(200);
    for (String line : lines) {
      assertThat(Json.mapper().readTree(line).get("event").asText()).isEqualTo("conflict");
    }
  }
}
