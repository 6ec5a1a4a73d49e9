package dev.mp.registry.client;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.registry.cache.CacheEntry;
import dev.mp.registry.cache.CacheMeta;
import dev.mp.registry.cache.LookupIndex;
import dev.mp.registry.cache.LookupWriter;
import dev.mp.registry.source.DocumentKind;
import dev.mp.registry.source.DocumentOrigin;
import dev.mp.registry.source.DocumentReader;
import dev.mp.registry.source.ParseWarnings;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

/** Builds and commits lookup files: the one parse of an index that sync pays for. */
final class Lookups {
  /**
   * Parsing is CPU-bound: registries are fetched with as many threads as there are registries, but at
   * most one index per processor is parsed at a time, so ten big indexes on two cores do not hold ten
   * parses' worth of memory for no gain in speed.
   */
  private static final Semaphore PARSERS = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

  private Lookups() {}

  /** A lookup file built in the entry's temp space, not yet committed. */
  record Built(Path temp, int plugins) {}

  /**
   * Parses {@code document} (streaming) straight into a new lookup file.
   *
   * @throws MpException {@code INDEX_INVALID} or {@code IO_ERROR}; the temp file is then removed
   */
  static Built build(CacheEntry entry, Path document, DocumentKind kind, boolean marketplaceExpected, String label,
      DocumentOrigin origin, ParseWarnings warnings) {
    Path temp = entry.temp("lookup");
    PARSERS.acquireUninterruptibly();
    try (LookupWriter writer = LookupWriter.create(temp)) {
      DocumentReader.read(document, kind, marketplaceExpected, label, origin, warnings, writer::add);
      return new Built(temp, writer.finish());
    } catch (RuntimeException e) {
      CacheEntry.discard(temp);
      throw e;
    } finally {
      PARSERS.release();
    }
  }

  /**
   * Moves a built lookup file into place and commits {@code meta} pointing to it; returns the mapped index.
   */
  static LookupIndex commit(CacheEntry entry, Built built, CacheMeta meta) {
    String name = entry.commitLookup(built.temp());
    CacheMeta committed = new CacheMeta(meta.registry(), meta.kind(), meta.fetchedAt(), meta.etag(),
        meta.lastModified(), meta.bytes(), built.plugins(), name, meta.source());
    entry.writeMeta(committed);
    entry.removeUnreferenced(name);
    return entry.lookup(committed).orElseThrow(() -> new MpException(ErrorCode.INTERNAL_ERROR,
        "the lookup file just written to `" + entry.dir() + "` cannot be read back"));
  }
}
