package dev.mp.registry.client;

import dev.mp.Context;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.config.RegistrySpec;
import dev.mp.io.AtomicFiles;
import dev.mp.registry.http.CredentialProvider;
import dev.mp.registry.http.FetchRequest;
import dev.mp.registry.http.FetchResult;
import dev.mp.registry.http.HttpFetcher;
import dev.mp.registry.cache.CacheEntry;
import dev.mp.registry.source.RegistrySource;
import dev.mp.sign.IndexCheck;
import dev.mp.sign.IndexSigner;
import dev.mp.sign.IndexVerifier;
import dev.mp.sign.SerialStore;
import dev.mp.sign.TrustedKeys;
import dev.mp.sign.VerifiedSignatures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The index checks of DESIGN.md §7 as the registry client applies them: to registries that list
 * {@code keys} or set {@code requireSignedIndex}, on the exact bytes of the document. A fresh copy is
 * checked against the highest serial accepted before and, once it is in the cache, remembered; a copy
 * served again from the cache (stale, offline, revalidated by a 304) is checked again without
 * remembering, so that its expiry still applies. Thread-safe.
 */
final class IndexTrust {
  /** A {@code .sig} is one line of about 100 characters; anything much longer is not one. */
  static final long MAX_SIGNATURE_BYTES = 4096;

  private final Context context;
  private final SerialStore serials;
  private final Supplier<HttpFetcher> signatureHttp;
  private final VerifiedSignatures memo;

  IndexTrust(Context context, SerialStore serials, Supplier<HttpFetcher> signatureHttp) {
    this.context = context;
    this.serials = serials;
    this.signatureHttp = signatureHttp;
    this.memo = VerifiedSignatures.inCache(context.cacheDir());
  }

  /** True when the registry's indexes are checked: it lists keys or requires a signed index. */
  static boolean applies(RegistrySpec spec) {
    return !spec.keys().isEmpty() || spec.requireSignedIndex();
  }

  /**
   * Refuses {@code requireSignedIndex} on a folder registry: it has no index that could be signed.
   *
   * @throws MpException {@code INDEX_REJECTED}
   */
  static void refuseUnsignable(RegistrySpec spec, RegistrySource source) {
    if (spec.requireSignedIndex() && source instanceof RegistrySource.Folder) {
      throw new MpException(ErrorCode.INDEX_REJECTED, "index of registry `" + spec.name()
          + "` rejected: `requireSignedIndex` is set, but a folder registry has no index to sign",
          "publish the registry as an index file signed with `mp registry sign`, or drop `requireSignedIndex`");
    }
  }

  /**
   * Checks a document against the highest serial accepted from the registry, without remembering it.
   *
   * @param signature the {@code .sig} text, or null when there is none
   * @return the accepted index, to hand to {@link #remember} once it is in use
   * @throws MpException {@code INDEX_REJECTED} (exit 1) naming the registry and the reason
   */
  IndexCheck.Accepted check(RegistrySpec spec, byte[] bytes, String signature) {
    String key = SerialStore.registryKey(spec, context.projectDir());
    TrustedKeys keys = spec.keys().isEmpty() ? TrustedKeys.NONE : TrustedKeys.parse(spec.keys()).withMemo(memo);
    IndexCheck check = IndexVerifier.verify(new IndexVerifier.Request(bytes, signature, keys,
        spec.requireSignedIndex(), serials.find(key).orElse(null), context.clock().instant()));
    if (check instanceof IndexCheck.Rejected rejected) {
      throw rejected.toException(spec.name());
    }
    return (IndexCheck.Accepted) check;
  }

  /**
   * Remembers the serial of an index now in use, so an older one is refused from now on. A state
   * folder that cannot be written is a warning: the index is still used.
   */
  void remember(RegistrySpec spec, IndexCheck.Accepted accepted, Reporter reporter) {
    accepted.toRemember().ifPresent(index -> {
      String key = SerialStore.registryKey(spec, context.projectDir());
      if (serials.find(key).filter(known -> known.serial() >= index.serial()).isPresent()) {
        return; // the common case for a local index read on every run: no lock, no write
      }
      try {
        serials.remember(key, index, context.clock().instant());
      } catch (MpException e) {
        if (e.code() != ErrorCode.IO_ERROR) {
          throw e;
        }
        reporter.warn("cannot record serial " + index.serial() + " of registry `" + spec.name()
            + "`, so rollback protection cannot advance: " + e.getMessage());
      }
    });
  }

  /**
   * Checks a local index or marketplace file and its {@code <file>.sig}, and remembers its serial: a
   * local file is always the current copy.
   *
   * @throws MpException {@code INDEX_REJECTED} when refused
   */
  void acceptLocal(RegistrySpec spec, Path file, byte[] bytes, Reporter reporter) {
    remember(spec, check(spec, bytes, readSignature(IndexSigner.signatureFile(file))), reporter);
  }

  /** Checks again a copy that was accepted when it was fetched (the cache's body and signature). */
  void recheck(RegistrySpec spec, CacheEntry entry) {
    byte[] bytes = AtomicFiles.readIfExists(entry.body());
    if (bytes == null) {
      throw new MpException(ErrorCode.INDEX_REJECTED, "the cached index of registry `" + spec.name() + "` is gone",
          "run `mp registry sync " + spec.name() + "`");
    }
    check(spec, bytes, readSignature(entry.signature()));
  }

  /** The {@code .sig} beside a local file or in the cache, or null when there is none. */
  static String readSignature(Path file) {
    byte[] bytes = AtomicFiles.readIfExists(file);
    if (bytes == null) {
      return null;
    }
    return bytes.length > MAX_SIGNATURE_BYTES ? "" : new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Fetches {@code <index>.sig} beside a remote index, with the index's credentials.
   *
   * @param target where the signature is downloaded (a temp file of the cache entry, or of the system)
   * @return its text, or null when the registry answers 404 (it publishes none)
   * @throws MpException {@code REGISTRY_UNAVAILABLE} when it cannot be fetched
   */
  String fetchSignature(RegistrySpec spec, URI index, CredentialProvider credentials, Path target) {
    URI uri = URI.create(IndexVerifier.signatureUrl(index.toString()));
    try {
      FetchResult result = signatureHttp.get().fetch(new FetchRequest(uri, credentials, null, null, target));
      if (result instanceof FetchResult.Failed failed) {
        if (failed.status() != null && failed.status() == 404) {
          return null;
        }
        throw new MpException(ErrorCode.REGISTRY_UNAVAILABLE, "registry `" + spec.name()
            + "`: cannot fetch the index signature: " + failed.message());
      }
      if (result instanceof FetchResult.NotModified) {
        throw new MpException(ErrorCode.REGISTRY_UNAVAILABLE, "registry `" + spec.name()
            + "` answered 304 Not Modified to an unconditional request for the index signature");
      }
      return readSignature(target);
    } finally {
      CacheEntry.discard(target);
    }
  }
}
