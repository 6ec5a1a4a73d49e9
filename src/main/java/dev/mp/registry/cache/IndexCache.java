package dev.mp.registry.cache;

import dev.mp.io.Sha256;
import dev.mp.io.AtomicFiles;
import dev.mp.io.SafeUrl;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The registry bucket of the cache: {@code <cache>/index-v1/<hex sha256 of the location>/}, one entry
 * per registry URL or local path, with {@code CACHEDIR.TAG} at the cache root so backup tools skip
 * it. The bucket name carries the layout version: a new layout gets a new bucket, never a migration.
 * Thread-safe.
 */
public final class IndexCache {
  /** The bucket folder, versioned. */
  public static final String BUCKET = "index-v1";

  static final String TAG = "Signature: 8a477f597d28d172789f06886806bc55\n"
      + "# This file is a cache directory tag created by mp.\n"
      + "# For information about cache directory tags see https://bford.info/cachedir/\n";

  private final Path root;
  private volatile boolean tagged;

  public IndexCache(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** The entry of a registry URL ({@code http(s)}) or a local path. */
  public CacheEntry entry(String location) {
    String key = Sha256.hex(canonical(location));
    return new CacheEntry(this, root.resolve(BUCKET).resolve(key));
  }

  /**
   * The form a location is keyed by: a URL redacted, with its scheme and host in lower case, its
   * default port and fragment dropped; a path made absolute and normalised.
   */
  public static String canonical(String location) {
    if (!SafeUrl.isHttp(location)) {
      return Path.of(location).toAbsolutePath().normalize().toString();
    }
    try {
      URI uri = URI.create(SafeUrl.redact(location.trim()));
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      boolean defaultPort = port < 0 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      return scheme + "://" + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port)
          + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    } catch (IllegalArgumentException e) {
      return SafeUrl.redact(location.trim());
    }
  }

  void ensureTagged() {
    if (tagged) {
      return;
    }
    Path tag = root.resolve("CACHEDIR.TAG");
    if (!Files.exists(tag)) {
      AtomicFiles.write(tag, TAG.getBytes(StandardCharsets.UTF_8));
    }
    tagged = true;
  }
}
