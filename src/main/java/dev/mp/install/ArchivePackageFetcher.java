package dev.mp.install;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.integrity.Integrity;
import dev.mp.registry.ClaudeVersions;
import dev.mp.registry.PackageSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Fetches {@code .tgz}/{@code .tar.gz}/{@code .zip} archives from a path or an HTTP(S) URL. Remote
 * archives are kept in the store by their digest, so an archive whose {@code archiveIntegrity} is
 * known is downloaded once. The archive's digest is checked against {@code archiveIntegrity} before
 * extraction. Thread-safe.
 */
final class ArchivePackageFetcher implements PackageFetcher {
  private final Path projectRoot;
  private final PackageStore store;
  private final HttpDownloader downloader;
  private final RegistryAuthorization authorization;
  private final ExtractionLimits limits;
  private final boolean offline;

  ArchivePackageFetcher(Path projectRoot, PackageStore store, HttpDownloader downloader,
      RegistryAuthorization authorization, ExtractionLimits limits, boolean offline) {
    this.projectRoot = projectRoot;
    this.store = store;
    this.downloader = downloader;
    this.authorization = authorization;
    this.limits = limits;
    this.offline = offline;
  }

  @Override
  public Fetched fetch(PlannedPlugin plugin, Path target) {
    PackageSource.Archive archive = (PackageSource.Archive) plugin.source();
    String label = archive.resolved(projectRoot);
    String expected = plugin.archiveIntegrity();
    // An archive without a digest whose version is unknown is versioned by its SHA-256, as Claude Code does.
    String algorithm = expected != null ? expected.substring(0, expected.indexOf('-')).toLowerCase(Locale.ROOT)
        : plugin.versionFromPackage() && ClaudeVersions.UNKNOWN.equals(plugin.version()) ? "sha256" : "sha512";
    Path file;
    String actual;
    Path work = null;
    try {
      if (archive.isRemote()) {
        Optional<Path> cached = expected == null ? Optional.empty() : store.archive(expected);
        if (cached.isPresent()) {
          file = cached.get();
          actual = expected;
        } else {
          if (offline) {
            throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE,
                "`" + plugin.name() + "` is not in the package store and `--offline` forbids downloading `" + label + "`",
                "run again without `--offline`");
          }
          work = store.newWorkDir();
          Path download = work.resolve("archive");
          MessageDigest digest = Integrity.digestFor(algorithm + "-");
          downloader.download(archive.location(), credentials(plugin, authorization), download, limits.maxArchiveBytes(), digest);
          actual = algorithm + "-" + Base64.getEncoder().encodeToString(digest.digest());
          check(plugin, label, expected, actual);
          file = store.putArchive(download, actual);
        }
      } else {
        file = Path.of(archive.location());
        if (!Files.isRegularFile(file)) {
          throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE,
              "the package of `" + plugin.name() + "` is missing: no file `" + label + "`",
              "check the registry `" + plugin.registry() + "`, then run `mp registry sync`");
        }
        actual = digestOf(file, algorithm);
        check(plugin, label, expected, actual);
      }
      ArchiveExtractor.extract(file, label, target, limits);
      return new Fetched(archive, actual);
    } catch (IOException e) {
      throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE,
          "failed to read `" + label + "`: " + MpException.describe(e), List.of(), e);
    } finally {
      if (work != null) {
        Trees.deleteQuietly(work);
      }
    }
  }

  /** The registry's credentials, for its own origin only (a local registry has none to give). */
  static HttpDownloader.Credentials credentials(PlannedPlugin plugin, RegistryAuthorization authorization) {
    if (!dev.mp.io.SafeUrl.isHttp(plugin.registryLocation())) {
      return HttpDownloader.Credentials.NONE;
    }
    java.net.URI origin;
    try {
      origin = java.net.URI.create(plugin.registryLocation().trim());
    } catch (IllegalArgumentException e) {
      return HttpDownloader.Credentials.NONE;
    }
    return new HttpDownloader.Credentials(origin, () -> authorization.header(plugin.registry()),
        () -> authorization.refreshAfterUnauthorized(plugin.registry()), authorization.describe(plugin.registry()));
  }

  private static void check(PlannedPlugin plugin, String label, String expected, String actual) {
    if (expected != null && !expected.equals(actual)) {
      throw new MpException(ErrorCode.INTEGRITY_MISMATCH,
          "archive of `" + plugin.name() + "` (`" + label + "`) does not match its `archiveIntegrity`\n"
              + "  expected: " + expected + "\n  actual:   " + actual,
          "the package was changed after it was published, or the download was tampered with; nothing was installed",
          "report it to the registry `" + plugin.registry() + "`");
    }
  }

  private static String digestOf(Path file, String algorithm) throws IOException {
    MessageDigest digest = Integrity.digestFor(algorithm + "-");
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return algorithm + "-" + Base64.getEncoder().encodeToString(digest.digest());
  }
}
