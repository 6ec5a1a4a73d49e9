package dev.mp.registry.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.io.CanonicalJson;
import dev.mp.io.DownloadUrls;
import dev.mp.io.SafeUrl;
import dev.mp.registry.ClaudeVersions;
import dev.mp.registry.PackageSource;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The {@code source} objects of Claude Code marketplaces (also accepted as an index's {@code resolved}),
 * checked the way Claude Code 2.1.332 checks them: {@code github}, {@code url}, {@code git-subdir}
 * become {@link PackageSource.Git}; {@code archive} a {@link PackageSource.Archive} with its {@code
 * sha256}; {@code npm} a {@link PackageSource.Npm}; {@code command} (a shell command Claude Code runs to
 * produce the plugin, which mp never runs) and anything malformed or unknown become {@link
 * PackageSource.Unsupported} with the reason, so the plugin is still listed. Stateless.
 */
final class SourceObjects {
  static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
  /** Claude Code's schema: a full 40-character lowercase commit id. */
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
  /** npm's rules for registry package names (validate-npm-package-name, new packages). */
  private static final Pattern NPM_NAME = Pattern.compile("(?:@[a-z0-9~-][a-z0-9._~-]*/)?[a-z0-9~-][a-z0-9._~-]*");

  private SourceObjects() {}

  /**
   * A parsed source.
   *
   * @param kind {@code github}, {@code url}, {@code git-subdir}, {@code npm}, {@code archive}, {@code
   *     command} or {@code other}
   * @param archiveIntegrity for an {@code archive} with {@code sha256}, that digest as {@code sha256-<base64>}; else null
   */
  record Parsed(String kind, PackageSource source, String archiveIntegrity) {
    Parsed(String kind, PackageSource source) {
      this(kind, source, null);
    }
  }

  /**
   * Where a source object is read: the registry's folder on disk, or none for a registry fetched over
   * HTTP. Only a local registry may name repositories on this machine ({@code file://} or a path,
   * which resolves from {@code base}).
   */
  record Place(Path base) {
    static final Place REMOTE = new Place(null);

    boolean local() {
      return base != null;
    }
  }

  /** Parses a source object; {@code problems} hears why an odd one cannot be fetched. */
  static Parsed parse(JsonNode node, Place place, Consumer<String> problems) {
    String kind = text(node, "source");
    if (kind == null) {
      return unsupported("other", node, "the source object has no `source` kind", problems);
    }
    switch (kind) {
      case "github": {
        String repo = text(node, "repo");
        if (repo == null || !REPO.matcher(repo.trim()).matches()) {
          return unsupported("github", node, "`repo` must be `owner/repo`", problems);
        }
        return git("github", "https://github.com/" + trimGit(repo.trim()) + ".git", node, null, problems);
      }
      case "url":
      case "git-subdir":
        return urlOrSubdir(kind, node, place, problems);
      case "npm":
        return npm(node, problems);
      case "archive":
        return archive(node, problems);
      case "command": {
        String command = text(node, "command");
        String shown = command == null ? CanonicalJson.compact(node, true) : command.trim();
        return new Parsed("command", new PackageSource.Unsupported("command", shown,
            "its `command` source has Claude Code run a shell command on the user's machine to produce the plugin;"
                + " mp never runs commands from a registry"));
      }
      default:
        return unsupported("other", node, "unknown source kind `" + kind + "`", problems);
    }
  }

  /** A string {@code source} that is neither a relative path nor an object, such as {@code github:owner/repo}. */
  static Parsed unsupportedString(String source, Consumer<String> problems) {
    problems.accept("source `" + source + "` is neither a relative path (`./...`) nor a source object");
    return new Parsed("other", new PackageSource.Unsupported("other", source,
        "the source `" + source + "` is not a form mp can fetch"));
  }

  private static Parsed urlOrSubdir(String kind, JsonNode node, Place place, Consumer<String> problems) {
    String written = text(node, "url");
    String url = gitUrl(written);
    if (url == null && written != null && isLocal(written.trim())) {
      if (!place.local()) {
        return unsupported(kind, node, "`url` names a repository on this machine (`" + written.trim()
            + "`), which only a local registry may do; a registry fetched over HTTP may not", problems);
      }
      url = localRepository(written.trim(), place.base());
      if (url == null) {
        return unsupported(kind, node, "`url` `" + written.trim() + "` is not a valid local repository location",
            problems);
      }
      if (!written.trim().regionMatches(true, 0, "file://", 0, 7)) {
        problems.accept("`url` `" + written.trim() + "` is a local path: mp accepts it from a local registry, but Claude"
            + " Code accepts only a `file://` URL; write `file://" + url + "`");
      }
    }
    if (url == null) {
      return unsupported(kind, node, "`url` must be a git URL (https, http, ssh, user@host:path"
          + ", owner/repo, or `file://` from a local registry)", problems);
    }
    String path = text(node, "path");
    if (kind.equals("git-subdir") && (path == null || path.isBlank())) {
      return unsupported(kind, node, "a `git-subdir` source needs `path`", problems);
    }
    return git(kind, url, node, path, problems);
  }

  private static Parsed git(String kind, String url, JsonNode node, String path, Consumer<String> problems) {
    String ref = blankToNull(text(node, "ref"));
    String sha = text(node, "sha");
    if (sha != null && !SHA.matcher(sha).matches()) {
      return unsupported(kind, node, "`sha` must be a full 40-character lowercase commit id, as Claude Code requires",
          problems);
    }
    if (ref != null && (ref.startsWith("-") || !ref.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
      return unsupported(kind, node, "`ref` must be a branch or tag name (no leading `-`, spaces or control characters)",
          problems);
    }
    String subdir = null;
    if (path != null && !path.isBlank()) {
      subdir = subdir(path);
      if (subdir == null) {
        return unsupported(kind, node, "`path` must stay inside the repository", problems);
      }
    }
    String digest = kind.equals("git-subdir") ? ClaudeVersions.pathDigest(path) : null;
    return new Parsed(kind, new PackageSource.Git(url, ref, sha, subdir, digest));
  }

  private static Parsed npm(JsonNode node, Consumer<String> problems) {
    String written = text(node, "package");
    String spec = blankToNull(text(node, "version"));
    if (written == null || written.isBlank()) {
      return unsupported("npm", node, "an `npm` source needs `package`", problems);
    }
    String name = written.trim();
    if (spec == null) {
      // Claude Code reads `name@1.2.3` in `package` as the name and its version.
      int at = name.indexOf('@', 1);
      if (at > 0 && NPM_NAME.matcher(name.substring(0, at).toLowerCase(Locale.ROOT)).matches()
          && !name.substring(at + 1).isBlank()) {
        spec = name.substring(at + 1);
        name = name.substring(0, at);
      }
    }
    if (!NPM_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches() || name.contains("..")) {
      return unsupported("npm", node, "`package` `" + name + "` is not an npm registry package name; mp installs npm"
          + " sources from a registry by name (`name` or `@scope/name`) only", problems);
    }
    String registry = blankToNull(text(node, "registry"));
    String why = registry == null ? null : DownloadUrls.problem(registry);
    if (why != null) {
      return unsupported("npm", node, "`registry` " + why, problems);
    }
    return new Parsed("npm", new PackageSource.Npm(name, spec == null ? "latest" : spec, registry, null, null));
  }

  private static Parsed archive(JsonNode node, Consumer<String> problems) {
    String url = blankToNull(text(node, "url"));
    String why = url == null ? "an `archive` source needs `url`" : DownloadUrls.problem(url);
    if (why != null) {
      return unsupported("archive", node, url == null ? why : "`url` " + why, problems);
    }
    String sha256 = text(node, "sha256");
    if (sha256 != null && !ClaudeVersions.isSha256Hex(sha256)) {
      return unsupported("archive", node, "`sha256` must be the 64 hex digits of the archive's SHA-256", problems);
    }
    return new Parsed("archive", new PackageSource.Archive(url),
        sha256 == null ? null : ClaudeVersions.sha256Integrity(sha256));
  }

  /**
   * A clonable URL as Claude Code takes one: {@code https://}, {@code http://}, {@code ssh://} (also
   * {@code git+ssh://}, {@code ssh+git://}), {@code user@host:path}, and the {@code owner/repo}
   * shorthand meaning GitHub (Claude Code reads it in {@code git-subdir} only); null for anything else,
   * local locations included.
   */
  static String gitUrl(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String trimmed = url.trim();
    if (SafeUrl.isHttp(trimmed)) {
      return SafeUrl.hasUserInfo(trimmed) ? null : trimmed;
    }
    if (REPO.matcher(trimmed).matches() && !trimmed.startsWith(".")) {
      return "https://github.com/" + trimGit(trimmed) + ".git";
    }
    if (trimmed.matches("[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:[^\\s]+") && !trimmed.startsWith("-")) {
      return trimmed;
    }
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.startsWith("git+ssh://") || lower.startsWith("ssh+git://")) {
      return "ssh://" + trimmed.substring(10);
    }
    if (lower.startsWith("ssh://")) {
      return trimmed;
    }
    return null;
  }

  /** {@code file:...}, an absolute path, or a {@code ./} / {@code ../} relative one. */
  private static boolean isLocal(String url) {
    return url.regionMatches(true, 0, "file:", 0, 5) || url.startsWith("/") || url.startsWith("./")
        || url.startsWith("../");
  }

  /**
   * A local repository location: a {@code file://} URL without a host kept as written, a path made
   * absolute from {@code base}; null when malformed.
   */
  private static String localRepository(String url, Path base) {
    try {
      if (url.regionMatches(true, 0, "file:", 0, 5)) {
        URI uri = URI.create(url);
        boolean noHost = uri.getHost() == null || uri.getHost().isEmpty();
        return noHost && uri.getPath() != null && uri.getPath().startsWith("/") ? url : null;
      }
      return base.resolve(url).normalize().toString();
    } catch (IllegalArgumentException e) { // also InvalidPathException
      return null;
    }
  }

  /** A path inside a repository, {@code /}-separated, without {@code ./}; null when it would leave it. */
  static String subdir(String path) {
    String normalized = path.trim().replace('\\', '/');
    while (normalized.startsWith("./")) {
      normalized = normalized.substring(2);
    }
    while (normalized.endsWith("/")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    if (normalized.startsWith("/")) {
      return null;
    }
    for (String part : normalized.split("/", -1)) {
      if (part.equals("..")) {
        return null;
      }
    }
    return normalized.isEmpty() || normalized.equals(".") ? null : normalized;
  }

  private static String trimGit(String repo) {
    return repo.endsWith(".git") ? repo.substring(0, repo.length() - 4) : repo;
  }

  private static Parsed unsupported(String kind, JsonNode node, String reason, Consumer<String> problems) {
    problems.accept(reason);
    return new Parsed(kind, new PackageSource.Unsupported(kind, CanonicalJson.compact(node, true), reason));
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
