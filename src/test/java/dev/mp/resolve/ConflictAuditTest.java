package dev.mp.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.audit.AuditLog;
import dev.mp.config.ConflictStrategy;
import dev.mp.io.Json;
import dev.mp.io.SafeUrl;
import dev.mp.registry.PackageSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conflict events are written as text exactly as the tree of each event would be written. */
class ConflictAuditTest {
  @TempDir Path project;

  private static final String[] TEXT = {"gamma", "a\"b", "c\\d", "tab\there", "é-ü", "line\nbreak", "\u0001", ""};

  /** The event as a tree, as it was built before it was written as text. */
  private static ObjectNode tree(Conflict conflict, Path projectRoot) {
    ObjectNode event = Json.object();
    event.put("plugin", conflict.plugin());
    ArrayNode sources = event.putArray("sources");
    for (Offer source : conflict.sources()) {
      ObjectNode entry = sources.addObject();
      entry.put("registry", source.registry());
      entry.put("version", source.version());
      entry.put("integrity", source.integrity());
      entry.put("resolved", SafeUrl.redact(source.source().resolved(projectRoot)));
    }
    event.put("unverifiable", conflict.unverifiable());
    event.put("strategy", conflict.strategy().wire());
    event.put("outcome", conflict.isResolved() ? conflict.chosen() : "error");
    event.put("how", conflict.how() == null ? null : conflict.how().wire());
    return event;
  }

  private static PackageSource source(Random random, Path root) {
    return switch (random.nextInt(4)) {
      case 0 -> new PackageSource.Archive(root.resolve("reg/p-" + random.nextInt(9) + ".tgz").toString());
      case 1 -> new PackageSource.Archive("https://user:secret@cdn.example/p.tgz?token=x&y=1");
      case 2 -> new PackageSource.Folder(root.resolve("plugins/" + TEXT[random.nextInt(3)]));
      default -> new PackageSource.Git("https://github.com/o/r.git", null, "abc123", random.nextBoolean() ? "sub" : null,
          null);
    };
  }

  @Test
  void writesWhatTheTreesWouldHaveWritten() throws Exception {
    Random random = new Random(15);
    List<Conflict> conflicts = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      List<Offer> offers = new ArrayList<>();
      int count = 1 + random.nextInt(4);
      for (int o = 0; o < count; o++) {
        offers.add(new Offer(TEXT[random.nextInt(TEXT.length)], random.nextInt(100),
            random.nextInt(5) == 0 ? null : "1." + random.nextInt(9) + ".0",
            random.nextInt(4) == 0 ? null : "sha512-" + TEXT[random.nextInt(TEXT.length)],
            source(random, project), random.nextBoolean()));
      }
      ConflictStrategy strategy = ConflictStrategy.values()[random.nextInt(ConflictStrategy.values().length)];
      Conflict conflict = new Conflict(TEXT[random.nextInt(TEXT.length)] + i, offers, random.nextBoolean(), strategy,
          null, null);
      if (random.nextBoolean()) {
        conflict = conflict.resolvedAs(offers.get(0).registry(),
            ChoiceReason.values()[random.nextInt(ChoiceReason.values().length)]);
      }
      conflicts.add(conflict);
    }
    Clock clock = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    Path rendered = project.resolve("rendered.jsonl");
    ConflictAudit.append(new AuditLog(rendered, clock), conflicts, project);
    Path trees = project.resolve("trees.jsonl");
    List<ObjectNode> events = new ArrayList<>();
    for (Conflict conflict : conflicts) {
      events.add(tree(conflict, project));
    }
    new AuditLog(trees, clock).appendAll(ConflictAudit.EVENT, events);
    assertThat(Files.readAllLines(rendered)).hasSize(300).containsExactlyElementsOf(Files.readAllLines(trees));
  }
}
