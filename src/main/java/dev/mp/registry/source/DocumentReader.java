package dev.mp.registry.source;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.JsonDocument;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginEntry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Reads a registry JSON document of either format into a sink of plugins: an index is streamed; a
 * marketplace (small by nature) is parsed whole, with line numbers for its warnings. Stateless.
 */
public final class DocumentReader {
  private DocumentReader() {}

  /**
   * Reads {@code file}.
   *
   * @param kind what the document is ({@link DocumentKind#of}); {@code OTHER} is read as a marketplace
   *     (reported as not being one, with no plugins) when {@code marketplaceExpected}, else refused
   * @param label how the document is named in messages
   * @param sink receives each plugin; returns false for a name it already has
   * @return how many plugins the sink accepted
   * @throws MpException {@code INDEX_INVALID} for a malformed document, {@code IO_ERROR}
   */
  public static int read(Path file, DocumentKind kind, boolean marketplaceExpected, String label,
      DocumentOrigin origin, ParseWarnings warnings, Predicate<PluginEntry> sink) {
    if (kind == DocumentKind.INDEX) {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
        return IndexParser.parse(in, label, origin, warnings, sink).plugins();
      } catch (IOException e) {
        throw MpException.io("failed to read `" + label + "`", e);
      }
    }
    if (kind == DocumentKind.OTHER && !marketplaceExpected) {
      throw DocumentKind.notARegistry(label);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw MpException.io("failed to read `" + label + "`", e);
    }
    JsonDocument document = JsonDocument.parseJson(label, bytes, ErrorCode.INDEX_INVALID);
    MarketplaceParser.Marketplace marketplace;
    if (origin instanceof DocumentOrigin.Local local) {
      marketplace = MarketplaceParser.parseLocal(document, local.marketplaceRoot(), warnings);
    } else {
      PackageSource.Git repository =
          DocumentOrigin.githubRepository(((DocumentOrigin.Remote) origin).uri()).orElse(null);
      marketplace = MarketplaceParser.parseRemote(document, repository, warnings);
    }
    int accepted = 0;
    for (PluginEntry plugin : marketplace.plugins()) {
      if (sink.test(plugin)) {
        accepted++;
      }
    }
    return accepted;
  }

  /** True when a location names a {@code marketplace.json} (then a non-marketplace is a warning, not an error). */
  public static boolean namesMarketplace(String location) {
    String path = location;
    int cut = path.indexOf('?');
    if (cut >= 0) {
      path = path.substring(0, cut);
    }
    return path.endsWith("/marketplace.json") || path.equals("marketplace.json");
  }
}
