package dev.mp.publish;

import dev.mp.sign.Ed25519PrivateKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@code mp registry build} publishes, and where.
 *
 * @param sources plugin folders and archives ({@code .tgz}, {@code .tar.gz}, {@code .zip}), in the
 *     order given; possibly empty (the registry is then rewritten from its index: marketplace, signature)
 * @param outDir the registry folder; {@code index.json} there is the registry's history
 * @param outLabel how the registry folder is named in messages
 * @param baseUrl where the registry folder is served ({@code https://plugins.team.dev/}), so {@code
 *     resolved} is absolute; null for paths relative to the index
 * @param key signs the index and every release in the same step, or null
 * @param expires the signed index's lifetime from now, or null to keep its {@code expires}
 * @param marketplace the name of the Claude Code marketplace to write beside the index, or null for none
 */
public record BuildRequest(List<Source> sources, Path outDir, String outLabel, String baseUrl, Ed25519PrivateKey key,
    Duration expires, String marketplace) {
  public BuildRequest {
    sources = List.copyOf(sources);
    Objects.requireNonNull(outDir);
    Objects.requireNonNull(outLabel);
  }

  /**
   * A plugin folder or archive to publish.
   *
   * @param path where it is
   * @param label how it is named in messages
   */
  public record Source(Path path, String label) {}
}
