package dev.mp.registry.client;

import dev.mp.Context;
import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.config.RegistrySpec;
import dev.mp.io.ProcessLock;
import dev.mp.io.SafeUrl;
import dev.mp.registry.IndexState;
import dev.mp.registry.LoadedRegistry;
import dev.mp.registry.cache.CacheEntry;
import dev.mp.registry.cache.CacheMeta;
import dev.mp.registry.cache.IndexCache;
import dev.mp.registry.cache.LookupIndex;
import dev.mp.registry.http.CredentialProvider;
import dev.mp.registry.http.FetchRequest;
import dev.mp.registry.http.FetchResult;
import dev.mp.registry.http.HttpFetcher;
import dev.mp.registry.source.DocumentKind;
import dev.mp.registry.source.DocumentOrigin;
import dev.mp.registry.source.DocumentReader;
import dev.mp.registry.source.ParseWarnings;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * HTTP(S) registries through the cache: a copy younger than {@code cacheTTL} is used as is; an older
 * one is revalidated ({@code If-None-Match}/{@code If-Modified-Since}; a 304 costs no download); a new
 * body is parsed once, streaming, into a lookup file. When the registry fails, a cached copy of any
 * age is used (stale); {@code --offline} never touches the network. Downloads and rebuilds of one
 * entry are serialised across processes by the entry's lock. Thread-safe.
 */
final class RemoteReader {
  private final Context context;
  private final long ttlSeconds;
  private final IndexCache cache;
  private final Supplier<HttpFetcher> http;
  private final Credentials credentials;

  RemoteReader(Context context, long ttlSeconds, IndexCache cache, Supplier<HttpFetcher> http, Credentials credentials) {
    this.context = context;
    this.ttlSeconds = ttlSeconds;
    this.cache = cache;
    this.http = http;
    this.credentials = credentials;
  }

  Attempt read(RegistrySpec spec, URI uri, boolean sync, ParseWarnings warnings, Reporter reporter) {
    CacheEntry entry = cache.entry(uri.toString());
    Optional<CacheMeta> meta = entry.meta();
    Optional<LookupIndex> cached = meta.flatMap(entry::lookup);
    if (!sync) {
      if (cached.isPresent() && (context.offline() || age(meta.get()) < ttlSeconds)) {
        return fromCache(spec, meta.get(), cached.get(), context.offline() ? "offline (`--offline`)" : null);
      }
      if (context.offline()) {
        if (meta.isPresent() && Files.isRegularFile(entry.body())) {
          return rebuildOffline(spec, uri, entry, warnings, reporter);
        }
        return Attempt.unavailable(spec, "offline (`--offline`) and nothing cached; run `mp registry sync` while online");
      }
    }
    CredentialProvider provider;
    try {
      provider = credentials.forRegistry(spec);
    } catch (MpException e) {
      return fallback(spec, meta, cached, e.getMessage());
    }
    try (ProcessLock lock = entry.lock(reporter, "registry `" + spec.name() + "`")) {
      meta = entry.meta();
      cached = meta.flatMap(entry::lookup);
      if (!sync && cached.isPresent() && age(meta.get()) < ttlSeconds) {
        return fromCache(spec, meta.get(), cached.get(), null);
      }
      return fetch(spec, uri, entry, meta, cached, provider, warnings);
    }
  }

  private Attempt fetch(RegistrySpec spec, URI uri, CacheEntry entry, Optional<CacheMeta> meta,
      Optional<LookupIndex> cached, CredentialProvider provider, ParseWarnings warnings) {
    java.nio.file.Path download = entry.temp("download");
    FetchResult result;
    try {
      result = http.get().fetch(new FetchRequest(uri, provider,
          cached.isPresent() ? meta.get().etag() : null, cached.isPresent() ? meta.get().lastModified() : null, download));
    } catch (MpException e) {
      CacheEntry.discard(download);
      return fallback(spec, meta, cached, e.getMessage());
    }
    if (result instanceof FetchResult.Failed failed) {
      CacheEntry.discard(download);
      return fallback(spec, meta, cached, failed.message());
    }
    if (result instanceof FetchResult.NotModified) {
      if (cached.isEmpty()) {
        return fallback(spec, meta, cached, "the registry answered 304 Not Modified to an unconditional request");
      }
      CacheMeta revalidated = meta.get().revalidated(context.clock().instant());
      entry.writeMeta(revalidated);
      return new Attempt(LoadedRegistry.fresh(spec, cached.get()), SyncStatus.UNCHANGED, 0L);
    }
    FetchResult.Downloaded downloaded = (FetchResult.Downloaded) result;
    String label = SafeUrl.redact(uri.toString());
    Lookups.Built built;
    DocumentKind kind;
    try {
      kind = DocumentKind.of(download, label);
      built = Lookups.build(entry, download, kind, DocumentReader.namesMarketplace(uri.getPath()), label,
          new DocumentOrigin.Remote(uri), warnings);
    } catch (MpException e) {
      CacheEntry.discard(download);
      return fallback(spec, meta, cached, e.getMessage());
    }
    entry.commitBody(download);
    CacheMeta fresh = new CacheMeta(IndexCache.canonical(uri.toString()), kind == DocumentKind.INDEX ? "index" : "marketplace",
        context.clock().instant(), downloaded.etag(), downloaded.lastModified(), downloaded.wireBytes(), built.plugins(),
        null, null);
    LookupIndex index = Lookups.commit(entry, built, fresh);
    return new Attempt(LoadedRegistry.fresh(spec, index), SyncStatus.OK, downloaded.wireBytes());
  }

  /**
   * Offline with a body whose lookup file is missing or of an older format: rebuild it from the body,
   * never from the network.
   */
  private Attempt rebuildOffline(RegistrySpec spec, URI uri, CacheEntry entry, ParseWarnings warnings, Reporter reporter) {
    try (ProcessLock lock = entry.lock(reporter, "registry `" + spec.name() + "`")) {
      Optional<CacheMeta> meta = entry.meta();
      if (meta.isEmpty()) {
        return Attempt.unavailable(spec, "offline (`--offline`) and nothing cached; run `mp registry sync` while online");
      }
      Optional<LookupIndex> cached = entry.lookup(meta.get());
      if (cached.isEmpty()) {
        String label = SafeUrl.redact(uri.toString());
        DocumentKind kind = DocumentKind.of(entry.body(), label);
        Lookups.Built built = Lookups.build(entry, entry.body(), kind, DocumentReader.namesMarketplace(uri.getPath()),
            label, new DocumentOrigin.Remote(uri), warnings);
        cached = Optional.of(Lookups.commit(entry, built, meta.get()));
      }
      return fromCache(spec, meta.get(), cached.get(), "offline (`--offline`)");
    }
  }

  private Attempt fromCache(RegistrySpec spec, CacheMeta meta, LookupIndex index, String whyNotFetched) {
    long age = age(meta);
    boolean stale = age >= ttlSeconds && whyNotFetched != null;
    LoadedRegistry loaded = new LoadedRegistry(spec, index, stale ? IndexState.STALE : IndexState.CACHED, age,
        stale ? whyNotFetched : null);
    return new Attempt(loaded, stale ? SyncStatus.STALE : SyncStatus.OK, null);
  }

  private Attempt fallback(RegistrySpec spec, Optional<CacheMeta> meta, Optional<LookupIndex> cached, String problem) {
    if (cached.isEmpty()) {
      return Attempt.unavailable(spec, problem);
    }
    long age = age(meta.get());
    return new Attempt(new LoadedRegistry(spec, cached.get(), IndexState.STALE, age, problem), SyncStatus.STALE, null);
  }

  private long age(CacheMeta meta) {
    return Math.max(0, Duration.between(meta.fetchedAt(), context.clock().instant()).getSeconds());
  }
}
