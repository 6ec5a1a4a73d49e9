package dev.mp.registry.client;

import dev.mp.Context;
import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.config.RegistrySpec;
import dev.mp.io.AtomicFiles;
import dev.mp.io.ProcessLock;
import dev.mp.registry.InMemoryIndex;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.cache.CacheEntry;
import dev.mp.registry.cache.CacheMeta;
import dev.mp.registry.cache.FileHashes;
import dev.mp.registry.cache.IndexCache;
import dev.mp.registry.cache.LookupIndex;
import dev.mp.registry.source.DocumentKind;
import dev.mp.registry.source.DocumentOrigin;
import dev.mp.registry.source.DocumentReader;
import dev.mp.registry.source.FolderReader;
import dev.mp.registry.source.MarketplaceParser;
import dev.mp.registry.source.ParseWarnings;
import dev.mp.registry.source.RegistrySource;
import dev.mp.ErrorCode;
import dev.mp.io.JsonDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Local registries. Folders and marketplace folders are read directly on every run (their integrity
 * must follow the files), with file hashes remembered by stamp ({@link FileHashes}) so unchanged files
 * are not read again; a local index file is parsed into the cache once and re-parsed
 * only when its size, modification time or identity change. Thread-safe.
 */
final class LocalReader {
  private final Context context;
  private final IndexCache cache;
  private final IndexTrust trust;

  LocalReader(Context context, IndexCache cache, IndexTrust trust) {
    this.context = context;
    this.cache = cache;
    this.trust = trust;
  }

  Attempt folder(RegistrySpec spec, RegistrySource.Folder source, boolean sync, ParseWarnings warnings) {
    FileHashes hashes = FileHashes.load(cache.entry(RegistryClient.cacheLocation(spec, context.projectDir())));
    List<PluginEntry> plugins = FolderReader.read(source.folder(), spec.url(), warnings, hashes::integrity);
    hashes.save();
    if (sync) {
      remember(spec, "folder", null, plugins.size(), null);
    }
    return Attempt.fresh(spec, new InMemoryIndex(plugins), null);
  }

  Attempt marketplace(RegistrySpec spec, RegistrySource.Marketplace source, boolean sync, ParseWarnings warnings) {
    String label = display(spec, source);
    byte[] bytes = AtomicFiles.readIfExists(source.file());
    if (bytes == null) {
      throw new MpException(ErrorCode.REGISTRY_UNAVAILABLE, "`" + label + "` does not exist");
    }
    if (IndexTrust.applies(spec)) {
      trust.acceptLocal(spec, source.file(), bytes, context.reporter());
    }
    JsonDocument document = JsonDocument.parseJson(label, bytes, ErrorCode.INDEX_INVALID);
    FileHashes hashes = FileHashes.load(cache.entry(RegistryClient.cacheLocation(spec, context.projectDir())));
    List<PluginEntry> plugins =
        MarketplaceParser.parseLocal(document, source.root(), warnings, hashes::integrity).plugins();
    hashes.save();
    if (sync) {
      remember(spec, "marketplace", (long) bytes.length, plugins.size(), null);
    }
    return Attempt.fresh(spec, new InMemoryIndex(plugins), (long) bytes.length);
  }

  Attempt indexFile(RegistrySpec spec, RegistrySource.IndexFile source, boolean sync, ParseWarnings warnings,
      Reporter reporter) {
    Path file = source.file();
    CacheMeta.Fingerprint fingerprint = fingerprint(file);
    if (IndexTrust.applies(spec)) {
      // Checked on every run, not only when the file changes: an index that was fine yesterday may
      // have expired today. The memo keeps the signature check itself cheap.
      byte[] bytes = AtomicFiles.readIfExists(file);
      if (bytes == null || !fingerprint.equals(fingerprint(file))) {
        throw new MpException(ErrorCode.REGISTRY_UNAVAILABLE, "`" + spec.url() + "` changed while it was read; try again");
      }
      trust.acceptLocal(spec, file, bytes, reporter);
    }
    CacheEntry entry = cache.entry(RegistryClient.cacheLocation(spec, context.projectDir()));
    if (!sync) {
      Optional<LookupIndex> cached = unchanged(entry, fingerprint);
      if (cached.isPresent()) {
        return Attempt.fresh(spec, cached.get(), fingerprint.size());
      }
    }
    DocumentKind kind = DocumentKind.of(file, spec.url());
    if (kind != DocumentKind.INDEX) {
      List<PluginEntry> plugins = new ArrayList<>();
      Set<String> names = new HashSet<>();
      DocumentReader.read(file, kind, false, spec.url(), DocumentOrigin.local(file), warnings,
          plugin -> names.add(plugin.name()) && plugins.add(plugin));
      if (sync) {
        remember(spec, "marketplace", fingerprint.size(), plugins.size(), fingerprint);
      }
      return Attempt.fresh(spec, new InMemoryIndex(plugins), fingerprint.size());
    }
    try (ProcessLock lock = entry.lock(reporter, "registry `" + spec.name() + "`")) {
      if (!sync) {
        Optional<LookupIndex> cached = unchanged(entry, fingerprint);
        if (cached.isPresent()) {
          return Attempt.fresh(spec, cached.get(), fingerprint.size());
        }
      }
      Lookups.Built built = Lookups.build(entry, file, kind, false, spec.url(), DocumentOrigin.local(file), warnings);
      CacheMeta meta = new CacheMeta(IndexCache.canonical(file.toString()), "index", context.clock().instant(), null,
          null, fingerprint.size(), built.plugins(), null, fingerprint);
      return Attempt.fresh(spec, Lookups.commit(entry, built, meta), fingerprint.size());
    }
  }

  private static Optional<LookupIndex> unchanged(CacheEntry entry, CacheMeta.Fingerprint fingerprint) {
    Optional<CacheMeta> meta = entry.meta();
    if (meta.isEmpty() || !meta.get().kind().equals("index") || !fingerprint.equals(meta.get().source())) {
      return Optional.empty();
    }
    return entry.lookup(meta.get());
  }

  /** Notes a sync of a registry read directly, so {@code registry list} can show its age and size. */
  private void remember(RegistrySpec spec, String kind, Long bytes, int plugins, CacheMeta.Fingerprint fingerprint) {
    String location = RegistryClient.cacheLocation(spec, context.projectDir());
    cache.entry(location).writeMeta(new CacheMeta(IndexCache.canonical(location), kind, context.clock().instant(),
        null, null, bytes, plugins, null, fingerprint));
  }

  private static String display(RegistrySpec spec, RegistrySource.Marketplace source) {
    if (spec.url().endsWith(".json")) {
      return spec.url();
    }
    String base = spec.url().endsWith("/") ? spec.url() : spec.url() + "/";
    return base + ".claude-plugin/marketplace.json";
  }

  static CacheMeta.Fingerprint fingerprint(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      Object key = attributes.fileKey();
      return new CacheMeta.Fingerprint(attributes.size(), attributes.lastModifiedTime().toMillis(),
          key == null ? null : key.toString());
    } catch (IOException e) {
      throw MpException.io("failed to read `" + file + "`", e);
    }
  }
}
