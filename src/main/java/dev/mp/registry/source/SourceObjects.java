package dev.mp.registry.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.io.CanonicalJson;
import dev.mp.io.SafeUrl;
import dev.mp.registry.PackageSource;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The {@code source} objects of Claude Code marketplaces (also accepted as an index's {@code resolved}):
 * {@code github}, {@code url}, {@code git-subdir} become {@link PackageSource.Git}; {@code npm} and
 * anything else become {@link PackageSource.Unsupported} with the reason, so the plugin is still listed.
 * Stateless.
 */
final class SourceObjects {
  static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");

  private SourceObjects() {}

  /**
   * A parsed source.
   *
   * @param kind {@code github}, {@code url}, {@code git-subdir}, {@code npm} or {@code other}
   */
  record Parsed(String kind, PackageSource source) {}

  /** Parses a source object; {@code problems} hears why an odd one cannot be fetched. */
  static Parsed parse(JsonNode node, Consumer<String> problems) {
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
      case "git-subdir": {
        String url = gitUrl(text(node, "url"));
        if (url == null) {
          return unsupported(kind, node, "`url` must be a git URL or `owner/repo`", problems);
        }
        String path = text(node, "path");
        if (kind.equals("git-subdir") && (path == null || path.isBlank())) {
          return unsupported(kind, node, "a `git-subdir` source needs `path`", problems);
        }
        return git(kind, url, node, path, problems);
      }
      case "npm": {
        String name = text(node, "package");
        String version = text(node, "version");
        String description = name == null ? CanonicalJson.compact(node, true) : version == null ? name : name + "@" + version;
        return new Parsed("npm", new PackageSource.Unsupported("npm", description,
            "npm packages cannot be installed by mp; install this plugin with Claude Code"));
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

  private static Parsed git(String kind, String url, JsonNode node, String path, Consumer<String> problems) {
    String ref = text(node, "ref");
    String sha = text(node, "sha");
    if (sha != null && !SHA.matcher(sha).matches()) {
      return unsupported(kind, node, "`sha` must be a hexadecimal commit id", problems);
    }
    String subdir = null;
    if (path != null && !path.isBlank()) {
      subdir = subdir(path);
      if (subdir == null) {
        return unsupported(kind, node, "`path` must stay inside the repository", problems);
      }
    }
    return new Parsed(kind, new PackageSource.Git(url, blankToNull(ref), sha == null ? null : sha.toLowerCase(Locale.ROOT),
        subdir));
  }

  /** A clonable URL: {@code https://...}, {@code git@host:path}, or {@code owner/repo} meaning GitHub. */
  static String gitUrl(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String trimmed = url.trim();
    if (SafeUrl.isHttp(trimmed)) {
      return SafeUrl.hasUserInfo(trimmed) ? null : trimmed;
    }
    if (REPO.matcher(trimmed).matches()) {
      return "https://github.com/" + trimGit(trimmed) + ".git";
    }
    if (trimmed.matches("[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:[^\\s]+") || trimmed.startsWith("ssh://")) {
      return trimmed;
    }
    return null;
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
