package dev.mp.registry.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes {@code COUNT} synthetic registry indexes of {@code ENTRIES} plugins each (the seed's format,
 * with releases, dependencies, integrity and trust scores), a project whose {@code registries.json}
 * points at them, and a file of {@code LOOKUPS} plugin names to look up (nine in ten exist).
 * Registry {@code i} offers plugins {@code i*ENTRIES/2 .. i*ENTRIES/2+ENTRIES-1}, so neighbours share
 * half their names: the overlap federation is about. Deterministic for a seed.
 *
 * <p>Usage: {@code IndexGenerator OUT_DIR COUNT ENTRIES LOOKUPS}
 */
public final class IndexGenerator {
  private static final String[] WORDS = {"lint", "format", "deploy", "review", "test", "docs", "secure", "audit",
      "build", "release", "cloud", "data", "shell", "python", "java", "rust", "agent", "skill", "hook", "commit"};

  private IndexGenerator() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    int entries = Integer.parseInt(args[2]);
    int lookups = Integer.parseInt(args[3]);
    Files.createDirectories(out.resolve("project/.claude"));
    int step = entries / 2;
    StringBuilder registries = new StringBuilder("{\"registries\": [\n");
    for (int r = 0; r < count; r++) {
      Path file = out.resolve("registry-" + r + ".json");
      write(file, r, r * step, entries);
      registries.append(r == 0 ? "" : ",\n").append("  {\"name\": \"r").append(r).append("\", \"url\": \"")
          .append(file.toAbsolutePath()).append("\", \"priority\": ").append(100 - r).append('}');
    }
    Files.writeString(out.resolve("project/.claude/registries.json"), registries.append("\n]}\n").toString());
    int universe = (count - 1) * step + entries;
    Random random = new Random(7);
    List<String> names = new ArrayList<>(lookups);
    for (int i = 0; i < lookups; i++) {
      names.add(random.nextInt(10) == 0 ? "absent-" + i : name(random.nextInt(universe)));
    }
    Files.write(out.resolve("names-" + lookups + ".txt"), names, StandardCharsets.UTF_8);
  }

  static String name(int id) {
    return WORDS[id % WORDS.length] + "-" + WORDS[(id / WORDS.length) % WORDS.length] + "-" + id;
  }

  private static void write(Path file, int registry, int first, int entries) throws IOException {
    Random random = new Random(registry * 31L + 1);
    byte[] digest = new byte[64];
    try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
        1 << 16)) {
      out.write("{\"version\": 1, \"updatedAt\": \"2026-01-01T00:00:00Z\", \"plugins\": {\n");
      for (int i = 0; i < entries; i++) {
        int id = first + i;
        String name = name(id);
        int major = 1 + random.nextInt(4);
        int minor = random.nextInt(10);
        String version = major + "." + minor + "." + random.nextInt(10);
        random.nextBytes(digest);
        out.write(i == 0 ? "" : ",\n");
        out.write("\"" + name + "\":{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"description\":\""
            + description(random, id) + "\",\"integrity\":\"sha512-" + Base64.getEncoder().encodeToString(digest)
            + "\",\"resolved\":\"packages/" + name + "-" + version + ".tgz\",\"dependencies\":[");
        int dependencies = random.nextInt(3);
        for (int d = 0; d < dependencies; d++) {
          out.write((d == 0 ? "" : ",") + "\"" + name(Math.max(0, id - 1 - random.nextInt(50))) + "@^" + (1 + random.nextInt(3)) + "\"");
        }
        out.write("],\"signed\":" + (random.nextInt(3) == 0) + ",\"trustScore\":" + random.nextInt(101));
        if (random.nextInt(6) == 0) {
          String older = major + "." + minor + ".0";
          if (!older.equals(version)) {
            random.nextBytes(digest);
            out.write(",\"releases\":{\"" + older + "\":{\"integrity\":\"sha512-"
                + Base64.getEncoder().encodeToString(digest) + "\",\"resolved\":\"packages/" + name + "-" + older
                + ".tgz\"}}");
          }
        }
        out.write("}");
      }
      out.write("\n}}\n");
    }
  }

  private static String description(Random random, int id) {
    return String.format(Locale.ROOT, "%s and %s helpers, no. %d", WORDS[random.nextInt(WORDS.length)],
        WORDS[random.nextInt(WORDS.length)], id);
  }
}
