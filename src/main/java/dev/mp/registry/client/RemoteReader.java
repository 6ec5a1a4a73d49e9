package dev.mp.registry.client;

import dev.mp.Context;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.config.RegistrySpec;
import dev.mp.io.AtomicFiles;
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
import dev.mp.sign.IndexCheck;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
  private final IndexTrust trust;

  RemoteReader(Context context, long ttlSeconds, IndexCache cache, Supplier<HttpFetcher> http, Credentials credentials,
      IndexTrust trust) {
    this.context = context;
    this.ttlSeconds = ttlSeconds;
    this.cache = cache;
    this.http = http;
    this.credentials = credentials;
    this.trust = trust;
  }

  Attempt read(RegistrySpec spec, URI uri, boolean sync, ParseWarnings warnings, Reporter reporter) {
    CacheEntry entry = cache.entry(uri.toString());
    Optional<CacheMeta> meta = entry.meta();
    Optional<LookupIndex> cached = meta.flatMap(entry::lookup);
    if (!sync) {
      if (cached.isPresent() && age(meta.get()) < ttlSeconds) {
        return fromCache(spec, meta.get(), cached.get(), null);
      }
      if (cached.isPresent() && context.offline()) {
        return servedAgain(spec, entry, fromCache(spec, meta.get(), cached.get(), "offline (`--offline`)"), null);
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
      return fallback(spec, entry, meta, cached, e.getMessage(), false);
    }
    try (ProcessLock lock = entry.lock(reporter, "registry `" + spec.name() + "`")) {
      meta = entry.meta();
      cached = meta.flatMap(entry::lookup);
      if (!sync && cached.isPresent() && age(meta.get()) < ttlSeconds) {
        return fromCache(spec, meta.get(), cached.get(), null);
      }
      return fetch(spec, uri, entry, meta, cached, provider, warnings, reporter);
    }
  }

  private Attempt fetch(RegistrySpec spec, URI uri, CacheEntry entry, Optional<CacheMeta> meta,
      Optional<LookupIndex> cached, CredentialProvider provider, ParseWarnings warnings, Reporter reporter) {
    java.nio.file.Path download = entry.temp("download");
    FetchResult result;
    try {
      result = http.get().fetch(new FetchRequest(uri, provider,
          cached.isPresent() ? meta.get().etag() : null, cached.isPresent() ? meta.get().lastModified() : null, download));
    } catch (MpException e) {
      CacheEntry.discard(download);
      return fallback(spec, entry, meta, cached, e.getMessage(), false);
    }
    if (result instanceof FetchResult.Failed failed) {
      CacheEntry.discard(download);
      return fallback(spec, entry, meta, cached, failed.message(), false);
    }
    if (result instanceof FetchResult.NotModified) {
      if (cached.isEmpty()) {
        return fallback(spec, entry, meta, cached, "the registry answered 304 Not Modified to an unconditional request",
            false);
      }
      Attempt unchanged = servedAgain(spec, entry,
          new Attempt(LoadedRegistry.fresh(spec, cached.get()), SyncStatus.UNCHANGED, 0L), null);
      if (!unchanged.rejected()) {
        entry.writeMeta(meta.get().revalidated(context.clock().instant()));
      }
      return unchanged;
    }
    FetchResult.Downloaded downloaded = (FetchResult.Downloaded) result;
    String signature = null;
    IndexCheck.Accepted accepted = null;
    if (IndexTrust.applies(spec)) {
      try {
        signature = trust.fetchSignature(spec, uri, provider, entry.temp("sig"));
        accepted = trust.check(spec, read(download), signature);
      } catch (MpException e) {
        CacheEntry.discard(download);
        return fallback(spec, entry, meta, cached, e.getMessage(), e.code() == ErrorCode.INDEX_REJECTED);
      }
    }
    String label = SafeUrl.redact(uri.toString());
    Lookups.Built built;
    DocumentKind kind;
    try {
      kind = DocumentKind.of(download, label);
      built = Lookups.build(entry, download, kind, DocumentReader.namesMarketplace(uri.getPath()), label,
          new DocumentOrigin.Remote(uri), warnings);
    } catch (MpException e) {
      CacheEntry.discard(download);
      return fallback(spec, entry, meta, cached, e.getMessage(), false);
    }
    commitSignature(entry, signature);
    entry.commitBody(download);
    CacheMeta fresh = new CacheMeta(IndexCache.canonical(uri.toString()), kind == DocumentKind.INDEX ? "index" : "marketplace",
        context.clock().instant(), downloaded.etag(), downloaded.lastModified(), downloaded.wireBytes(), built.plugins(),
        null, null);
    LookupIndex index = Lookups.commit(entry, built, fresh);
    if (accepted != null) {
      trust.remember(spec, accepted, reporter);
    }
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
      return servedAgain(spec, entry, fromCache(spec, meta.get(), cached.get(), "offline (`--offline`)"), null);
    }
  }

  /**
   * {@code attempt}, which serves the cached copy again, when that copy still passes the index checks
   * (its expiry above all); otherwise the registry is unavailable and the refusal says why.
   *
   * @param problem why the cache is served (a failed fetch), or null
   */
  private Attempt servedAgain(RegistrySpec spec, CacheEntry entry, Attempt attempt, String problem) {
    if (!IndexTrust.applies(spec)) {
      return attempt;
    }
    try {
      trust.recheck(spec, entry);
      return attempt;
    } catch (MpException e) {
      String message = problem == null ? e.getMessage()
          : problem + "; the cached copy cannot stand in: " + e.getMessage();
      return Attempt.unavailable(spec, message, true);
    }
  }

  /** The signature that came with a new body, or none: the cached pair must always match. */
  private static void commitSignature(CacheEntry entry, String signature) {
    if (signature == null) {
      CacheEntry.discard(entry.signature());
    } else {
      AtomicFiles.write(entry.signature(), signature.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static byte[] read(java.nio.file.Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw MpException.io("failed to read the download `" + file + "`", e);
    }
  }

  private Attempt fromCache(RegistrySpec spec, CacheMeta meta, LookupIndex index, String whyNotFetched) {
    long age = age(meta);
    boolean stale = age >= ttlSeconds && whyNotFetched != null;
    LoadedRegistry loaded = new LoadedRegistry(spec, index, stale ? IndexState.STALE : IndexState.CACHED, age,
        stale ? whyNotFetched : null);
    return new Attempt(loaded, stale ? SyncStatus.STALE : SyncStatus.OK, null);
  }

  /**
   * The cached copy of any age, when the registry failed or its new index was refused ({@code
   * rejected}): the previous good copy stays in use, if it still passes the index checks.
   */
  private Attempt fallback(RegistrySpec spec, CacheEntry entry, Optional<CacheMeta> meta, Optional<LookupIndex> cached,
      String problem, boolean rejected) {
    if (cached.isEmpty()) {
      return Attempt.unavailable(spec, problem, rejected);
    }
    long age = age(meta.get());
    Attempt stale = new Attempt(new LoadedRegistry(spec, cached.get(), IndexState.STALE, age, problem), SyncStatus.STALE,
        null, 0, rejected);
    return servedAgain(spec, entry, stale, problem);
  }

  private long age(CacheMeta meta) {
    return Math.max(0, Duration.between(meta.fetchedAt(), context.clock().instant()).getSeconds());
  }
}
