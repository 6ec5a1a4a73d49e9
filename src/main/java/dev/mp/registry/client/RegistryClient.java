package dev.mp.registry.client;

import dev.mp.Context;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.auth.RegistryTokens;
import dev.mp.config.FederationDefaults;
import dev.mp.config.RegistrySpec;
import dev.mp.registry.IndexState;
import dev.mp.registry.LoadedRegistry;
import dev.mp.registry.RegistrySet;
import dev.mp.registry.RegistryStatus;
import dev.mp.registry.cache.CacheMeta;
import dev.mp.registry.cache.IndexCache;
import dev.mp.registry.http.CredentialProviderFactory;
import dev.mp.registry.http.HttpFetcher;
import dev.mp.registry.http.HttpSettings;
import dev.mp.registry.http.OidcCredentialProvider;
import dev.mp.registry.http.TokenCredentialProvider;
import dev.mp.registry.source.ParseWarnings;
import dev.mp.registry.source.RegistrySource;
import dev.mp.sign.SerialStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The RegistryClient of the design: reads registries of every kind into {@link
 * dev.mp.registry.RegistryIndex}es, through the cache, in parallel (a pool sized to the registries,
 * at most {@value #MAX_PARALLEL}), and reports per-registry problems as warnings in priority order.
 * The HTTP client is built on first use. Thread-safe; meant for one run.
 */
public final class RegistryClient {
  static final int MAX_PARALLEL = 16;

  /** The credential methods that need no per-run state: {@code none} and {@code token:ENV}. */
  public static final List<CredentialProviderFactory> BUILT_IN_CREDENTIALS = List.of(TokenCredentialProvider.FACTORY);

  /**
   * Every credential method of this version: {@code none}, {@code token:ENV} and {@code oidc:PROVIDER}
   * with the tokens of {@code tokens} (shared with package downloads, so a run fetches one token per
   * registry).
   */
  public static List<CredentialProviderFactory> builtInCredentials(RegistryTokens tokens) {
    return List.of(TokenCredentialProvider.FACTORY, OidcCredentialProvider.factory(tokens));
  }

  private final Context context;
  private final HttpSettings httpSettings;
  private final IndexCache cache;
  private final LocalReader local;
  private final RemoteReader remote;
  private final Credentials credentials;
  private final IndexTrust trust;
  private final long ttlSeconds;
  private volatile HttpFetcher http;
  private volatile HttpFetcher signatureHttp;

  public RegistryClient(Context context, FederationDefaults defaults) {
    this(context, defaults, HttpSettings.DEFAULT, builtInCredentials(new RegistryTokens(context)));
  }

  /**
   * @param credentials asked in order for each registry's {@code auth}; a method none handles makes
   *     that registry unavailable with a message naming the missing capability
   */
  public RegistryClient(Context context, FederationDefaults defaults, HttpSettings httpSettings,
      List<CredentialProviderFactory> credentials) {
    this.context = context;
    this.httpSettings = httpSettings;
    this.cache = new IndexCache(context.cacheDir());
    this.credentials = new Credentials(context, credentials);
    this.ttlSeconds = defaults.cacheTtlSeconds();
    // Anonymous classes rather than method references: no call site to link at every start.
    this.trust = new IndexTrust(context, SerialStore.forUser(context.env()), new Supplier<HttpFetcher>() {
      @Override
      public HttpFetcher get() {
        return signatureHttp();
      }
    });
    this.local = new LocalReader(context, cache, trust);
    this.remote = new RemoteReader(context, defaults.cacheTtlSeconds(), cache, new Supplier<HttpFetcher>() {
      @Override
      public HttpFetcher get() {
        return http();
      }
    }, this.credentials, trust);
  }

  /** The HTTP client of this run, shared by every fetch (built on first use). */
  public HttpFetcher http() {
    HttpFetcher value = http;
    if (value == null) {
      synchronized (this) {
        if (http == null) {
          http = new HttpFetcher(httpSettings);
        }
        value = http;
      }
    }
    return value;
  }

  /** Organisation policies, fetched and cached like indexes, with the registries' credentials and keys. */
  public PolicyDocuments policies() {
    return new PolicyDocuments(context, ttlSeconds, this::http, credentials);
  }

  /** The HTTP client for index signatures: the same limits, but a few KiB at most. */
  private HttpFetcher signatureHttp() {
    HttpFetcher value = signatureHttp;
    if (value == null) {
      synchronized (this) {
        if (signatureHttp == null) {
          signatureHttp = new HttpFetcher(httpSettings.withMaxBytes(IndexTrust.MAX_SIGNATURE_BYTES));
        }
        value = signatureHttp;
      }
    }
    return value;
  }

  /**
   * Loads {@code specs} (the enabled registries, in priority order) for this run: cached copies within
   * the TTL as they are, others fetched or revalidated; stale copies when a registry fails. Never
   * throws for a registry's failure: the set says which are available ({@link RegistrySet#requireAvailable}).
   */
  public RegistrySet load(List<RegistrySpec> specs) {
    List<Attempt> attempts = run(specs, false, SyncListener.NONE);
    List<LoadedRegistry> loaded = new ArrayList<>(attempts.size());
    for (Attempt attempt : attempts) {
      LoadedRegistry registry = attempt.loaded();
      if (registry.state() == IndexState.UNAVAILABLE) {
        context.reporter().warn("registry `" + registry.name() + "` is unavailable: " + registry.problem());
      } else if (registry.state() == IndexState.STALE) {
        context.reporter().warn("registry `" + registry.name() + "`: using the cached index from "
            + Ages.describe(registry.ageSeconds()) + " ago: " + registry.problem());
      }
      loaded.add(registry);
    }
    return new RegistrySet(loaded);
  }

  /**
   * Fetches {@code specs} now, ignoring the TTL (a 304 still spares the download), and caches them.
   *
   * @throws MpException {@code USAGE_ERROR} with {@code --offline} when a registry is remote
   */
  public SyncResult sync(List<RegistrySpec> specs, SyncListener listener) {
    if (context.offline() && specs.stream().anyMatch(RegistrySpec::isRemote)) {
      throw MpException.usage("`mp registry sync` fetches registries and cannot run with `--offline`",
          "drop `--offline`; commands run with `--offline` use what the last sync cached");
    }
    List<Attempt> attempts = run(specs, true, listener);
    return new SyncResult(attempts.stream().map(RegistryClient::outcome).toList());
  }

  /**
   * Checks one registry without touching the cache: reachability, credentials, format, plugin count.
   *
   * @throws MpException {@code USAGE_ERROR} with {@code --offline} for a remote registry
   */
  public RegistryTestResult test(RegistrySpec spec) {
    return new RegistryProbe(context, this::http, credentials, trust).test(spec);
  }

  /** What the cache knows about {@code spec} (age and plugin count of the last copy), without reading the registry. */
  public RegistryStatus status(RegistrySpec spec) {
    Optional<CacheMeta> meta = cache.entry(cacheLocation(spec, context.projectDir())).meta();
    if (meta.isEmpty()) {
      return new RegistryStatus(spec, null, null);
    }
    long age = Math.max(0, Duration.between(meta.get().fetchedAt(), context.clock().instant()).getSeconds());
    return new RegistryStatus(spec, age, meta.get().plugins());
  }

  /**
   * The {@code name} of a registry that is a Claude Code marketplace — a local {@code marketplace.json},
   * or a remote one as last fetched into the cache — which Claude Code keys its plugins by
   * ({@code plugin@marketplace}). Empty for an index or a folder of plugins, a marketplace never fetched,
   * or one without a name. Reads one file; never fetches.
   */
  public Optional<String> marketplaceName(RegistrySpec spec) {
    java.nio.file.Path file;
    if (spec.isRemote()) {
      var entry = cache.entry(cacheLocation(spec, context.projectDir()));
      Optional<CacheMeta> meta = entry.meta();
      if (meta.isEmpty() || !meta.get().kind().equals("marketplace")) {
        return Optional.empty();
      }
      file = entry.body();
    } else {
      try {
        RegistrySource source = RegistrySource.of(spec, context.projectDir());
        if (!(source instanceof RegistrySource.Marketplace marketplace)) {
          return Optional.empty();
        }
        file = marketplace.file();
      } catch (MpException e) {
        return Optional.empty();
      }
    }
    try {
      byte[] bytes = dev.mp.io.AtomicFiles.readIfExists(file);
      com.fasterxml.jackson.databind.JsonNode name = bytes == null ? null : dev.mp.io.Json.readTree(bytes).get("name");
      return name != null && name.isTextual() && !name.textValue().isBlank() ? Optional.of(name.textValue())
          : Optional.empty();
    } catch (java.io.IOException | MpException e) {
      return Optional.empty();
    }
  }

  /** The location a registry's cache entry is keyed by: its URL, or its absolute path. */
  static String cacheLocation(RegistrySpec spec, java.nio.file.Path projectDir) {
    return spec.isRemote() ? spec.url().trim() : projectDir.resolve(spec.url()).toAbsolutePath().normalize().toString();
  }

  private List<Attempt> run(List<RegistrySpec> specs, boolean sync, SyncListener listener) {
    List<BufferedReporter> reporters = new ArrayList<>(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      reporters.add(new BufferedReporter(context.reporter()));
    }
    AtomicInteger done = new AtomicInteger();
    List<Attempt> attempts = new ArrayList<>(specs.size());
    if (specs.size() <= 1) {
      for (int i = 0; i < specs.size(); i++) {
        attempts.add(timed(specs.get(i), sync, reporters.get(i), listener, done, specs.size()));
      }
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(specs.size(), MAX_PARALLEL), new ThreadFactory() {
        @Override
        public Thread newThread(Runnable runnable) {
          Thread thread = new Thread(runnable, "mp-registry");
          thread.setDaemon(true);
          return thread;
        }
      });
      try {
        List<Future<Attempt>> futures = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
          RegistrySpec spec = specs.get(i);
          BufferedReporter reporter = reporters.get(i);
          futures.add(pool.submit(new Callable<Attempt>() {
            @Override
            public Attempt call() {
              return timed(spec, sync, reporter, listener, done, specs.size());
            }
          }));
        }
        for (Future<Attempt> future : futures) {
          attempts.add(await(future));
        }
      } finally {
        pool.shutdownNow();
      }
    }
    for (BufferedReporter reporter : reporters) {
      reporter.replay();
    }
    return attempts;
  }

  private Attempt timed(RegistrySpec spec, boolean sync, Reporter reporter, SyncListener listener, AtomicInteger done,
      int total) {
    long start = context.clock().millis();
    Attempt attempt = read(spec, sync, reporter);
    long millis = Math.max(0, context.clock().millis() - start);
    Attempt timedAttempt = attempt.withMillis(millis);
    listener.finished(outcome(timedAttempt), done.incrementAndGet(), total);
    return timedAttempt;
  }

  private Attempt read(RegistrySpec spec, boolean sync, Reporter reporter) {
    ParseWarnings warnings = new ParseWarnings("registry `" + spec.name() + "`", reporter);
    try {
      RegistrySource source = RegistrySource.of(spec, context.projectDir());
      IndexTrust.refuseUnsignable(spec, source);
      if (source instanceof RegistrySource.Folder folder) {
        return local.folder(spec, folder, sync, warnings);
      }
      if (source instanceof RegistrySource.Marketplace marketplace) {
        return local.marketplace(spec, marketplace, sync, warnings);
      }
      if (source instanceof RegistrySource.IndexFile file) {
        return local.indexFile(spec, file, sync, warnings, reporter);
      }
      return remote.read(spec, ((RegistrySource.Http) source).uri(), sync, warnings, reporter);
    } catch (MpException e) {
      return Attempt.unavailable(spec, e.getMessage(), e.code() == ErrorCode.INDEX_REJECTED);
    } finally {
      warnings.finish();
    }
  }

  private static SyncOutcome outcome(Attempt attempt) {
    LoadedRegistry loaded = attempt.loaded();
    return new SyncOutcome(loaded.spec(), attempt.status(), loaded.available() ? loaded.index().size() : null,
        attempt.bytes(), attempt.millis(), loaded.state() == IndexState.STALE ? loaded.ageSeconds() : null,
        loaded.problem(), attempt.rejected());
  }

  private static Attempt await(Future<Attempt> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MpException(ErrorCode.INTERNAL_ERROR, "interrupted while reading registries");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new MpException(ErrorCode.INTERNAL_ERROR, "reading a registry failed: " + cause, List.of(), cause);
    }
  }
}
