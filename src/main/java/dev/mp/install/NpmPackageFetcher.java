package dev.mp.install;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.integrity.Integrity;
import dev.mp.io.DownloadUrls;
import dev.mp.io.Json;
import dev.mp.io.SafeUrl;
import dev.mp.registry.PackageSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Fetches npm packages (Claude Code's {@code npm} source) through the npm registry's HTTP API, without
 * running npm: the package's document ({@code GET <registry>/<name>}, abbreviated form), the version
 * its spec picks ({@link NpmPackument#select}), the tarball, checked against the registry's {@code
 * dist.integrity} before extraction; the tarball's single top folder ({@code package/}) becomes the
 * plugin. A package already resolved (from the lockfile) is fetched by its tarball URL and checked
 * against the locked integrity, without asking the registry again. Tarballs are kept in the store by
 * their integrity. Registry credentials go only to the registry's own origin ({@link HttpDownloader}).
 * Thread-safe.
 */
final class NpmPackageFetcher implements PackageFetcher {
  static final String ABBREVIATED = "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8";
  private static final long MAX_PACKUMENT_BYTES = 64L << 20;

  private final PackageStore store;
  private final HttpDownloader downloader;
  private final RegistryAuthorization authorization;
  private final ExtractionLimits limits;
  private final boolean offline;

  NpmPackageFetcher(PackageStore store, HttpDownloader downloader, RegistryAuthorization authorization,
      ExtractionLimits limits, boolean offline) {
    this.store = store;
    this.downloader = downloader;
    this.authorization = authorization;
    this.limits = limits;
    this.offline = offline;
  }

  @Override
  public Fetched fetch(PlannedPlugin plugin, Path target) {
    PackageSource.Npm npm = (PackageSource.Npm) plugin.source();
    Path work = store.newWorkDir();
    try {
      PackageSource.Npm resolved;
      String integrity;
      if (npm.isResolved()) {
        resolved = npm;
        integrity = plugin.archiveIntegrity();
        if (integrity == null) {
          throw new MpException(ErrorCode.LOCKFILE_ERROR,
              "`" + plugin.name() + "` is locked to the npm tarball `" + SafeUrl.redact(npm.tarball())
                  + "` without an `archiveIntegrity`",
              "regenerate the lockfile with `mp install`");
        }
      } else {
        NpmPackument.Published published = resolve(plugin, npm, work);
        resolved = npm.resolvedTo(published.version(), published.tarball());
        integrity = published.integrity();
      }
      String label = npm.name() + "@" + resolved.version();
      String refused = DownloadUrls.problem(resolved.tarball());
      if (refused != null) {
        throw new MpException(ErrorCode.UNSAFE_PACKAGE,
            "refused the npm tarball of `" + plugin.name() + "` (" + label + "): " + refused,
            "the npm registry must serve its tarballs over https; nothing was installed");
      }
      Path file = tarball(plugin, resolved, integrity, label, work);
      ArchiveExtractor.extract(file, label, target, limits);
      return new Fetched(resolved, integrity);
    } finally {
      Trees.deleteQuietly(work);
    }
  }

  /** The version the spec picks, from the registry's document about the package. */
  private NpmPackument.Published resolve(PlannedPlugin plugin, PackageSource.Npm npm, Path work) {
    String url = npm.registryUrl() + "/" + encodedName(npm.name());
    if (offline) {
      throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE,
          "`" + plugin.name() + "` comes from the npm package `" + npm.name() + "` and `--offline` forbids asking `"
              + SafeUrl.redact(npm.registryUrl()) + "` for it",
          "run again without `--offline`, or install from the lockfile with `mp lock install --offline`"
              + " once its tarball is in the package store");
    }
    String refused = DownloadUrls.problem(url);
    if (refused != null) {
      throw new MpException(ErrorCode.UNSAFE_PACKAGE, "refused the npm registry of `" + plugin.name() + "`: " + refused,
          "the npm registry must be an `https://` URL");
    }
    Path document = work.resolve("packument.json");
    NpmPackument packument;
    try {
      downloader.download(url, ArchivePackageFetcher.credentials(plugin, authorization), document, MAX_PACKUMENT_BYTES,
          Integrity.digestFor("sha256-"), ABBREVIATED);
      packument = NpmPackument.parse(Json.readTree(Files.readAllBytes(document)));
    } catch (MpException e) {
      throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE, "`" + plugin.name() + "`: the npm package `" + npm.name()
          + "` could not be read from `" + SafeUrl.redact(npm.registryUrl()) + "`: " + e.getMessage(),
          List.of("check the package name and the `registry` of its entry in registry `" + plugin.registry() + "`"), e);
    } catch (IOException e) {
      throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE, "`" + plugin.name() + "`: the registry's answer about `"
          + npm.name() + "` is not JSON: " + MpException.describe(e), List.of(), e);
    }
    Optional<NpmPackument.Published> picked;
    try {
      picked = packument.select(npm.spec());
    } catch (MpException invalid) {
      throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE, "`" + plugin.name() + "`: `" + npm.spec()
          + "` is neither a version, a range nor a dist-tag of `" + npm.name() + "`",
          "fix the `version` of its entry in registry `" + plugin.registry() + "`");
    }
    if (picked.isEmpty()) {
      throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE, "`" + plugin.name() + "`: no version of the npm package `"
          + npm.name() + "` matches `" + npm.spec() + "` (published: " + String.join(", ", packument.shownVersions())
          + ")", "fix the `version` of its entry in registry `" + plugin.registry() + "`");
    }
    NpmPackument.Published published = picked.get();
    if (published.tarball() == null) {
      throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE, "`" + plugin.name() + "`: the registry gives no tarball for `"
          + npm.name() + "@" + published.version() + "`");
    }
    if (published.integrity() == null) {
      throw new MpException(ErrorCode.UNSAFE_PACKAGE, "`" + plugin.name() + "`: the registry gives no sha512, sha384 or"
          + " sha256 `integrity` for `" + npm.name() + "@" + published.version() + "`; mp does not install npm tarballs"
          + " it cannot verify", "publish the package again with a current npm, which records `dist.integrity`");
    }
    return published;
  }

  /** The tarball from the store, else downloaded and checked against {@code integrity} before anything else. */
  private Path tarball(PlannedPlugin plugin, PackageSource.Npm resolved, String integrity, String label, Path work) {
    Optional<Path> cached = store.archive(integrity);
    if (cached.isPresent()) {
      return cached.get();
    }
    if (offline) {
      throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE,
          "`" + plugin.name() + "` (" + label + ") is not in the package store and `--offline` forbids downloading it",
          "run again without `--offline`");
    }
    Path download = work.resolve("package.tgz");
    MessageDigest digest = Integrity.digestFor(integrity);
    downloader.download(resolved.tarball(), ArchivePackageFetcher.credentials(plugin, authorization), download,
        limits.maxArchiveBytes(), digest);
    String algorithm = integrity.substring(0, integrity.indexOf('-')).toLowerCase(Locale.ROOT);
    String actual = algorithm + "-" + Base64.getEncoder().encodeToString(digest.digest());
    if (!actual.equals(integrity)) {
      throw new MpException(ErrorCode.INTEGRITY_MISMATCH,
          "the npm tarball of `" + plugin.name() + "` (" + label + ", `" + SafeUrl.redact(resolved.tarball())
              + "`) does not match its `integrity`\n  expected: " + integrity + "\n  actual:   " + actual,
          "the tarball was changed after it was published, or the download was tampered with; nothing was installed",
          "report it to the npm registry `" + SafeUrl.redact(resolved.registryUrl()) + "`");
    }
    return store.putArchive(download, actual);
  }

  /** {@code @scope/name} as npm writes it in a registry path: {@code @scope%2fname}. */
  static String encodedName(String name) {
    return name.replace("/", "%2f");
  }
}
