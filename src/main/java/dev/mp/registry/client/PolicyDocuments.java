package dev.mp.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.Context;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.config.RegistrySpec;
import dev.mp.io.AtomicFiles;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import dev.mp.io.ProcessLock;
import dev.mp.io.SafeUrl;
import dev.mp.io.Sha256;
import dev.mp.registry.cache.IndexCache;
import dev.mp.registry.http.CredentialProvider;
import dev.mp.registry.http.FetchRequest;
import dev.mp.registry.http.FetchResult;
import dev.mp.registry.http.HttpFetcher;
import dev.mp.sign.SignatureCheck;
import dev.mp.sign.TrustedKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Organisation policies ({@code extends} in a project's policy), fetched and cached the way registry
 * indexes are: in {@code <cache>/policy-v1/<sha256 of the URL>/}, used as they are within {@code
 * cacheTTL}, revalidated with {@code If-None-Match}/{@code If-Modified-Since} after it, served stale
 * (with a warning) when the server fails, never fetched with {@code --offline}. A policy beside a
 * registry ({@code registry:NAME/path}) is fetched with that registry's credentials, and when the
 * registry lists {@code keys} it must come with {@code <url>.sig} (Ed25519 over its exact bytes) that
 * verifies under one of them; the verdict is kept with the cached copy. A missing or unreachable policy
 * is an error, never skipped: a project must not run without the rules it inherits. Thread-safe.
 */
public final class PolicyDocuments {
  /** The cache bucket, versioned like the index bucket. */
  public static final String BUCKET = "policy-v1";
  /** Policies are small; anything larger is refused. */
  static final long MAX_BYTES = 1024 * 1024;

  private final Context context;
  private final long ttlSeconds;
  private final Supplier<HttpFetcher> http;
  private final Credentials credentials;

  PolicyDocuments(Context context, long ttlSeconds, Supplier<HttpFetcher> http, Credentials credentials) {
    this.context = context;
    this.ttlSeconds = ttlSeconds;
    this.http = http;
    this.credentials = credentials;
  }

  /**
   * A fetched policy.
   *
   * @param bytes its exact bytes
   * @param signed true when its signature verified under the registry's keys
   */
  public record Document(byte[] bytes, boolean signed) {}

  /**
   * The policy at {@code uri}.
   *
   * @param registry the registry it belongs to ({@code registry:NAME/path}), or null for a plain URL
   * @param label how the policy is named in messages ({@code registry:team/policy.yaml})
   * @throws MpException {@code REGISTRY_UNAVAILABLE} when it cannot be fetched and nothing is cached,
   *     {@code SIGNATURE_INVALID} when a registry with keys serves it unsigned or with a bad signature
   */
  public Document fetch(URI uri, RegistrySpec registry, String label) {
    Path dir = context.cacheDir().resolve(BUCKET).resolve(Sha256.hex(IndexCache.canonical(uri.toString())));
    Meta meta = Meta.read(dir);
    byte[] cached = meta == null ? null : AtomicFiles.readIfExists(dir.resolve("policy"));
    boolean keyed = registry != null && !registry.keys().isEmpty();
    if (cached != null && (!keyed || meta.signed())) {
      long age = Math.max(0, Duration.between(meta.fetchedAt(), context.clock().instant()).getSeconds());
      if (age < ttlSeconds) {
        return new Document(cached, meta.signed());
      }
      if (context.offline()) {
        context.reporter().warn("organisation policy " + label + ": using the cached copy from " + Ages.describe(age)
            + " ago: offline (`--offline`)");
        return new Document(cached, meta.signed());
      }
    } else {
      cached = null;
    }
    if (context.offline()) {
      throw unavailable(label, "offline (`--offline`) and not in the cache", "run an mp command without `--offline` once");
    }
    try (ProcessLock lock = ProcessLock.acquire(lockFile(dir),
        file -> context.reporter().info("Blocking: waiting for another mp process to fetch " + label))) {
      return download(uri, registry, label, dir, cached == null ? null : meta, cached);
    }
  }

  private static Path lockFile(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw MpException.io("failed to create the cache folder `" + dir + "`", e);
    }
    return dir.resolve(".lock");
  }

  private Document download(URI uri, RegistrySpec registry, String label, Path dir, Meta meta, byte[] cached) {
    CredentialProvider provider = registry == null ? CredentialProvider.NONE : credentials.forRegistry(registry);
    Path temp = dir.resolve(".download.tmp");
    FetchResult result;
    try {
      result = http.get().fetch(new FetchRequest(uri, provider, meta == null ? null : meta.etag(),
          meta == null ? null : meta.lastModified(), temp));
    } catch (MpException e) {
      return stale(label, cached, meta, e.getMessage());
    }
    if (result instanceof FetchResult.NotModified && cached != null) {
      new Meta(SafeUrl.redact(uri.toString()), context.clock().instant(), meta.etag(), meta.lastModified(), meta.signed())
          .write(dir);
      return new Document(cached, meta.signed());
    }
    if (!(result instanceof FetchResult.Downloaded downloaded)) {
      String problem = result instanceof FetchResult.Failed failed ? failed.message()
          : "the server answered 304 Not Modified to an unconditional request";
      return stale(label, cached, meta, problem);
    }
    byte[] bytes = read(temp);
    discard(temp);
    if (bytes.length > MAX_BYTES) {
      return stale(label, cached, meta, "the policy is larger than " + MAX_BYTES + " bytes");
    }
    boolean signed = false;
    if (registry != null && !registry.keys().isEmpty()) {
      String signature = signature(uri, provider, dir);
      SignatureCheck check = TrustedKeys.parse(registry.keys()).verify(bytes, signature);
      if (!(check instanceof SignatureCheck.Verified)) {
        String why = signature == null ? "the policy is not signed (no `" + SafeUrl.redact(uri.toString()) + ".sig`)"
            : "the policy's signature is refused: " + ((SignatureCheck.Invalid) check).reason();
        throw new MpException(ErrorCode.SIGNATURE_INVALID, "organisation policy " + label + " refused: registry `"
            + registry.name() + "` lists keys, and " + why,
            "sign it with the registry's key: `mp registry sign` signs indexes; a policy's `.sig` is the same"
                + " Ed25519 signature over the file's exact bytes");
      }
      signed = true;
    }
    AtomicFiles.write(dir.resolve("policy"), bytes);
    new Meta(SafeUrl.redact(uri.toString()), context.clock().instant(), downloaded.etag(), downloaded.lastModified(),
        signed).write(dir);
    return new Document(bytes, signed);
  }

  /** The {@code .sig} beside the policy, or null when the server has none. */
  private String signature(URI uri, CredentialProvider provider, Path dir) {
    Path temp = dir.resolve(".sig.tmp");
    try {
      FetchResult result = http.get().fetch(new FetchRequest(URI.create(uri + ".sig"), provider, null, null, temp));
      if (!(result instanceof FetchResult.Downloaded)) {
        return null;
      }
      String text = new String(read(temp), StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? null : text;
    } finally {
      discard(temp);
    }
  }

  private Document stale(String label, byte[] cached, Meta meta, String problem) {
    if (cached == null) {
      throw unavailable(label, problem, "check the URL and the network; once fetched, a copy is cached and serves"
          + " when the server is down");
    }
    long age = Math.max(0, Duration.between(meta.fetchedAt(), context.clock().instant()).getSeconds());
    context.reporter().warn("organisation policy " + label + ": using the cached copy from " + Ages.describe(age)
        + " ago: " + problem);
    return new Document(cached, meta.signed());
  }

  private static MpException unavailable(String label, String problem, String hint) {
    return new MpException(ErrorCode.REGISTRY_UNAVAILABLE, "organisation policy " + label + " is unavailable: " + problem,
        hint);
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw MpException.io("failed to read the download `" + file + "`", e);
    }
  }

  private static void discard(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A temp file; the next fetch replaces it.
    }
  }

  /** {@code meta.json} of a cached policy: where from, when, how to revalidate, whether it verified. */
  record Meta(String url, Instant fetchedAt, String etag, String lastModified, boolean signed) {
    static Meta read(Path dir) {
      byte[] bytes = AtomicFiles.readIfExists(dir.resolve("meta.json"));
      if (bytes == null) {
        return null;
      }
      try {
        JsonNode node = Json.readTree(bytes);
        return new Meta(node.path("url").asText(""), Instant.parse(node.path("fetchedAt").asText()),
            node.path("etag").isTextual() ? node.get("etag").textValue() : null,
            node.path("lastModified").isTextual() ? node.get("lastModified").textValue() : null,
            node.path("signed").asBoolean(false));
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    void write(Path dir) {
      ObjectNode node = Json.object();
      node.put("url", url);
      node.put("fetchedAt", fetchedAt.toString());
      node.put("etag", etag);
      node.put("lastModified", lastModified);
      node.put("signed", signed);
      AtomicFiles.write(dir.resolve("meta.json"), CanonicalJson.sortedBytes(node));
    }
  }
}
