package dev.mp.registry;

import dev.mp.io.SafeUrl;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a plugin release's package (its files) comes from. Every registry source kind is reduced to
 * one of these; the installer fetches each kind, and {@link #resolved} is the string the lockfile
 * records (parsed back by {@link #parseResolved}).
 */
public sealed interface PackageSource
    permits PackageSource.Folder, PackageSource.Archive, PackageSource.Git, PackageSource.Npm,
        PackageSource.Unsupported {

  /** {@code folder}, {@code archive}, {@code git}, {@code npm}, or the kind of an unsupported source. */
  String kind();

  /**
   * The lockfile's {@code resolved} string: a folder or archive path (relative to the project root,
   * {@code ./...}, when inside it), an archive URL, {@code git+<url>#<sha>[:<subdir>]} (a local
   * repository's path relative to the project root when inside it), or {@code
   * npm+<tarball URL>#<package>@<version>}. Never holds credentials.
   */
  String resolved(Path projectRoot);

  /** A folder on disk. */
  record Folder(Path path) implements PackageSource {
    public Folder {
      path = path.toAbsolutePath().normalize();
    }

    @Override
    public String kind() {
      return "folder";
    }

    @Override
    public String resolved(Path projectRoot) {
      return relativeOrAbsolute(path, projectRoot);
    }
  }

  /**
   * A {@code .tgz}, {@code .tar.gz} or {@code .zip} archive.
   *
   * @param location an {@code http(s)} URL, or an absolute file path
   */
  record Archive(String location) implements PackageSource {
    public Archive {
      Objects.requireNonNull(location);
    }

    public boolean isRemote() {
      return SafeUrl.isHttp(location);
    }

    @Override
    public String kind() {
      return "archive";
    }

    @Override
    public String resolved(Path projectRoot) {
      return isRemote() ? SafeUrl.redact(location) : relativeOrAbsolute(location, projectRoot);
    }

    /** The archive format, from the location's name: {@code tgz} or {@code zip}. */
    public String format() {
      String lower = location.toLowerCase(Locale.ROOT);
      int query = lower.indexOf('?');
      String path = query < 0 ? lower : lower.substring(0, query);
      return path.endsWith(".zip") ? "zip" : "tgz";
    }
  }

  /**
   * A git repository, optionally a folder inside it.
   *
   * @param url a clonable URL ({@code https://github.com/owner/repo.git}), or, from a local registry
   *     only, a {@code file://} URL or an absolute path of a repository on disk
   * @param ref a branch or tag to check out when there is no sha, or null
   * @param sha the pinned commit, or null
   * @param subdir the plugin's folder inside the repository, or null for its root
   * @param pathDigest for Claude Code's {@code git-subdir} sources, the first 8 hex digits of the
   *     SHA-256 of the entry's {@code path}, which Claude Code appends to the commit in the version
   *     ({@code <sha12>-<digest>}); null for every other git source
   */
  record Git(String url, String ref, String sha, String subdir, String pathDigest) implements PackageSource {
    public Git {
      Objects.requireNonNull(url);
    }

    /** A git source that is not a Claude Code {@code git-subdir} (no path digest in its version). */
    public Git(String url, String ref, String sha, String subdir) {
      this(url, ref, sha, subdir, null);
    }

    @Override
    public String kind() {
      return "git";
    }

    /** True when the URL names a repository on this machine ({@code file://} or a path). */
    public boolean isLocal() {
      return isLocalGitUrl(url);
    }

    @Override
    public String resolved(Path projectRoot) {
      String at = sha != null ? sha : ref != null ? ref : "HEAD";
      String location = url.startsWith("/") ? relativeOrAbsolute(url, projectRoot) : SafeUrl.redact(url);
      return "git+" + location + "#" + at + (subdir == null || subdir.isEmpty() ? "" : ":" + subdir);
    }

    /** The same source pinned to {@code commit}. */
    public Git at(String commit) {
      return new Git(url, ref, commit, subdir, pathDigest);
    }
  }

  /**
   * An npm package: Claude Code's {@code npm} source, resolved through the registry's HTTP API.
   *
   * @param name the package name, {@code name} or {@code @scope/name}
   * @param spec what the entry asks for: a version, a range or a dist-tag ({@code latest} when it gives none)
   * @param registry the npm registry's URL, or null for {@link #DEFAULT_REGISTRY}
   * @param version the exact version, once resolved (or read from the lockfile); else null
   * @param tarball the tarball's URL, once resolved; else null
   */
  record Npm(String name, String spec, String registry, String version, String tarball) implements PackageSource {
    /** The registry used when the entry names none. */
    public static final String DEFAULT_REGISTRY = "https://registry.npmjs.org";

    public Npm {
      Objects.requireNonNull(name);
      Objects.requireNonNull(spec);
    }

    @Override
    public String kind() {
      return "npm";
    }

    /** The registry to ask, without a trailing {@code /}. */
    public String registryUrl() {
      String base = registry == null ? DEFAULT_REGISTRY : registry.trim();
      while (base.endsWith("/")) {
        base = base.substring(0, base.length() - 1);
      }
      return base;
    }

    /** True once the exact version and tarball are known (after a fetch, or from the lockfile). */
    public boolean isResolved() {
      return version != null && tarball != null;
    }

    /** This package resolved to {@code exactVersion}, whose tarball is at {@code tarballUrl}. */
    public Npm resolvedTo(String exactVersion, String tarballUrl) {
      return new Npm(name, spec, registry, exactVersion, tarballUrl);
    }

    @Override
    public String resolved(Path projectRoot) {
      return isResolved() ? "npm+" + SafeUrl.redact(tarball) + "#" + name + "@" + version
          : "npm:" + name + "@" + spec + (registry == null ? "" : " from " + SafeUrl.redact(registry));
    }
  }

  /**
   * A source mp lists and resolves but cannot install (a {@code command} source, an unrecognised or
   * malformed form).
   *
   * @param kind what it is ({@code command}, {@code other}, ...)
   * @param description the source as written, for messages
   * @param reason why it cannot be installed
   */
  record Unsupported(String kind, String description, String reason) implements PackageSource {
    @Override
    public String resolved(Path projectRoot) {
      return kind + ":" + description;
    }
  }

  /**
   * Reads a lockfile {@code resolved} string back.
   *
   * @param projectRoot relative paths resolve from here
   */
  static PackageSource parseResolved(String resolved, Path projectRoot) {
    if (resolved.startsWith("npm+")) {
      String rest = resolved.substring(4);
      int hash = rest.lastIndexOf('#');
      String spec = hash < 0 ? "" : rest.substring(hash + 1);
      int at = spec.indexOf('@', 1);
      String name = at < 0 ? spec : spec.substring(0, at);
      String version = at < 0 ? null : spec.substring(at + 1);
      String tarball = hash < 0 ? rest : rest.substring(0, hash);
      if (name.isEmpty() || version == null || version.isEmpty() || !SafeUrl.isHttp(tarball)) {
        return new Unsupported("npm", resolved, "`" + resolved + "` is not `npm+<tarball URL>#<package>@<version>`");
      }
      return new Npm(name, version, null, version, tarball);
    }
    if (resolved.startsWith("git+")) {
      String rest = resolved.substring(4);
      int hash = rest.lastIndexOf('#');
      String url = hash < 0 ? rest : rest.substring(0, hash);
      if (url.startsWith("./") || url.startsWith("../") || url.equals(".")) {
        try {
          url = projectRoot.resolve(url).normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
          // A lone surrogate or a NUL: no such repository can exist here (found by IndexParserFuzzTest).
          return new Unsupported("git", resolved, "`" + url + "` is not a valid path on this system");
        }
      }
      String at = hash < 0 ? "HEAD" : rest.substring(hash + 1);
      String subdir = null;
      int colon = at.indexOf(':');
      if (colon >= 0) {
        subdir = at.substring(colon + 1);
        at = at.substring(0, colon);
      }
      boolean isSha = at.matches("[0-9a-f]{40}([0-9a-f]{24})?");
      return new Git(url, isSha ? null : at, isSha ? at : null, subdir);
    }
    if (SafeUrl.isHttp(resolved)) {
      return new Archive(resolved);
    }
    int colon = resolved.indexOf(':');
    if (colon > 1 && !resolved.startsWith("./") && !resolved.startsWith("/") && !resolved.startsWith("../")) {
      String kind = resolved.substring(0, colon);
      return new Unsupported(kind, resolved.substring(colon + 1), "`" + kind + "` sources cannot be installed by mp");
    }
    Path path;
    try {
      path = projectRoot.resolve(resolved).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      return new Unsupported("other", resolved, "`" + resolved + "` is not a valid path on this system");
    }
    String lower = resolved.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".tgz") || lower.endsWith(".tar.gz") || lower.endsWith(".zip")) {
      return new Archive(path.toString());
    }
    return new Folder(path);
  }

  /** True for {@code file://} URLs and absolute paths: repositories on this machine. */
  static boolean isLocalGitUrl(String url) {
    return url.regionMatches(true, 0, "file:", 0, 5) || url.startsWith("/") || url.startsWith("./")
        || url.startsWith("../");
  }

  /**
   * {@link #relativeOrAbsolute(Path, Path)} of {@code Path.of(location)}. When both are plain absolute
   * paths (printable ASCII, no {@code //}, {@code .}, {@code ..}, backslash or trailing slash) the
   * answer is a prefix test on the strings, which is what the path operations come to for them: a
   * conflict audit and a JSON resolution compute it for thousands of packages.
   */
  static String relativeOrAbsolute(String location, Path root) {
    String base = root.toString();
    if (root.isAbsolute() && isPlainAbsolute(location) && isPlainAbsolute(base)) {
      if (location.equals(base)) {
        return ".";
      }
      if (base.length() == 1) {
        return "." + location;
      }
      if (location.startsWith(base) && location.charAt(base.length()) == '/') {
        return "./" + location.substring(base.length() + 1);
      }
      return location;
    }
    return relativeOrAbsolute(Path.of(location), root);
  }

  private static boolean isPlainAbsolute(String path) {
    int n = path.length();
    if (n == 0 || path.charAt(0) != '/' || n > 1 && path.charAt(n - 1) == '/') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '\\') {
        return false;
      }
      if (c == '/' && i + 1 < n) {
        char next = path.charAt(i + 1);
        if (next == '/' || next == '.' && (i + 2 == n || path.charAt(i + 2) == '/'
            || path.charAt(i + 2) == '.' && (i + 3 == n || path.charAt(i + 3) == '/'))) {
          return false;
        }
      }
    }
    return true;
  }

  /** {@code ./relative/path} when inside {@code root}, else the absolute path; always {@code /}-separated. */
  static String relativeOrAbsolute(Path path, Path root) {
    Path absolute = path.toAbsolutePath().normalize();
    Path base = root.toAbsolutePath().normalize();
    if (absolute.startsWith(base)) {
      String relative = base.relativize(absolute).toString().replace('\\', '/');
      return relative.isEmpty() ? "." : "./" + relative;
    }
    return absolute.toString().replace('\\', '/');
  }
}
