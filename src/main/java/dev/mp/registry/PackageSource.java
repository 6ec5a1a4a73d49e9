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
    permits PackageSource.Folder, PackageSource.Archive, PackageSource.Git, PackageSource.Unsupported {

  /** {@code folder}, {@code archive}, {@code git}, or the kind of an unsupported source. */
  String kind();

  /**
   * The lockfile's {@code resolved} string: a folder or archive path (relative to the project root,
   * {@code ./...}, when inside it), an archive URL, or {@code git+<url>#<sha>[:<subdir>]}. Never holds
   * credentials.
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
      return isRemote() ? SafeUrl.redact(location) : relativeOrAbsolute(Path.of(location), projectRoot);
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
   * @param url a clonable URL ({@code https://github.com/owner/repo.git})
   * @param ref a branch or tag to check out when there is no sha, or null
   * @param sha the pinned commit, or null
   * @param subdir the plugin's folder inside the repository, or null for its root
   */
  record Git(String url, String ref, String sha, String subdir) implements PackageSource {
    public Git {
      Objects.requireNonNull(url);
    }

    @Override
    public String kind() {
      return "git";
    }

    @Override
    public String resolved(Path projectRoot) {
      String at = sha != null ? sha : ref != null ? ref : "HEAD";
      return "git+" + SafeUrl.redact(url) + "#" + at + (subdir == null || subdir.isEmpty() ? "" : ":" + subdir);
    }
  }

  /**
   * A source mp lists and resolves but cannot install (an npm package, an unrecognised form).
   *
   * @param kind what it is ({@code npm}, {@code other})
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
    if (resolved.startsWith("git+")) {
      String rest = resolved.substring(4);
      int hash = rest.lastIndexOf('#');
      String url = hash < 0 ? rest : rest.substring(0, hash);
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
    Path path = projectRoot.resolve(resolved).normalize();
    String lower = resolved.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".tgz") || lower.endsWith(".tar.gz") || lower.endsWith(".zip")) {
      return new Archive(path.toString());
    }
    return new Folder(path);
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
