package dev.mp.bench;

import dev.mp.registry.DependencySpec;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.Release;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link SyntheticFederation} as registry index files in the seed's format (compact JSON, as
 * servers send it), a project whose {@code registries.json} lists them (by absolute path) with a
 * small policy, and the plugins to request, one a line ({@code requested.txt}). Benchmark data, not
 * a test; run through {@code bench/resolve/whole-process.sh}.
 *
 * <p>Usage: {@code FederationGenerator OUT_DIR small|large}
 */
public final class FederationGenerator {
  private FederationGenerator() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]).toAbsolutePath();
    String workload = args[1];
    SyntheticFederation federation = SyntheticFederation.of(workload);
    Files.createDirectories(out.resolve("project/.claude/policies"));
    StringBuilder registries = new StringBuilder("{\"registries\": [\n");
    for (int r = 0; r < federation.registries(); r++) {
      Path file = out.resolve(federation.registryName(r) + ".json");
      write(file, federation.entries(r));
      registries.append(r == 0 ? "" : ",\n").append("  {\"name\": \"").append(federation.registryName(r))
          .append("\", \"url\": \"").append(file).append("\", \"priority\": ").append(federation.priority(r))
          .append('}');
    }
    Files.writeString(out.resolve("project/.claude/registries.json"), registries.append("\n]}\n").toString());
    Files.writeString(out.resolve("project/.claude/policies/plugins.yaml"), String.join("\n",
        "rules:",
        "  - action: deny",
        "    plugins: [\"*-backdoor\", \"evil-*\"]",
        "    reason: \"known bad names\"",
        "  - action: deny",
        "    plugins: [\"plugin-0000??\"]",
        "    versions: \"<1.0.0\"",
        "    reason: \"too old\"",
        "  - action: allow",
        "    plugins: [\"plugin-*\"]",
        "    unless: {trust_score: \"< 10\"}",
        "  - action: require",
        "    plugins: [\"plugin-*\"]",
        ""));
    Files.write(out.resolve("requested.txt"), federation.requested(SyntheticFederation.requestedCount(workload)),
        StandardCharsets.UTF_8);
  }

  private static void write(Path file, List<PluginEntry> entries) throws IOException {
    try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
        1 << 16)) {
      out.write("{\"version\":1,\"updatedAt\":\"2026-01-01T00:00:00Z\",\"plugins\":{\n");
      boolean first = true;
      for (PluginEntry entry : entries) {
        out.write(first ? "" : ",\n");
        first = false;
        Release latest = entry.latest();
        out.write("\"" + entry.name() + "\":{\"name\":\"" + entry.name() + "\",\"version\":\"" + latest.version()
            + "\",\"trustScore\":" + entry.trustScore() + ",");
        release(out, latest);
        if (entry.releases().size() > 1) {
          out.write(",\"releases\":{");
          for (int i = 1; i < entry.releases().size(); i++) {
            Release older = entry.releases().get(i);
            out.write((i == 1 ? "" : ",") + "\"" + older.version() + "\":{");
            release(out, older);
            out.write("}");
          }
          out.write("}");
        }
        out.write("}");
      }
      out.write("\n}}\n");
    }
  }

  private static void release(Writer out, Release release) throws IOException {
    out.write("\"integrity\":\"" + release.integrity() + "\",\"resolved\":\""
        + ((PackageSource.Archive) release.source()).location() + "\",\"dependencies\":[");
    boolean first = true;
    for (DependencySpec dependency : release.dependencies()) {
      out.write((first ? "" : ",") + "\"" + dependency.name() + "@" + dependency.range() + "\"");
      first = false;
    }
    out.write("]");
  }
}
