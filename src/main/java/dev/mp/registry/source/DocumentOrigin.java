package dev.mp.registry.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.io.SafeUrl;
import dev.mp.registry.PackageSource;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Where a registry document came from, which decides what its relative locations mean: an index's
 * {@code resolved} paths resolve against the file's folder or, for a URL, by URL resolution (a folder
 * is a valid package location only in a local index); a marketplace's relative sources resolve in its
 * folder or, fetched over HTTP, inside the GitHub repository a raw URL names.
 */
public sealed interface DocumentOrigin permits DocumentOrigin.Local, DocumentOrigin.Remote {

  /**
   * A document on disk.
   *
   * @param file the document
   * @param marketplaceRoot where relative marketplace sources resolve (the folder holding {@code .claude-plugin/})
   */
  record Local(Path file, Path marketplaceRoot) implements DocumentOrigin {}

  /** A document fetched from {@code uri} (the configured registry URL). */
  record Remote(URI uri) implements DocumentOrigin {}

  Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");

  /** A local document; marketplace sources resolve from its {@code .claude-plugin/}'s parent. */
  static DocumentOrigin local(Path file) {
    return new Local(file, RegistrySource.marketplaceRoot(file));
  }

  /** What an index entry's {@code resolved} names; {@code problems} hears why an odd one is unusable. */
  default PackageSource resolve(JsonNode resolved, Consumer<String> problems) {
    if (resolved == null || resolved.isNull()) {
      return new PackageSource.Unsupported("none", "", "the index gives no `resolved` location");
    }
    if (resolved.isObject()) {
      return SourceObjects.parse(resolved, problems).source();
    }
    String text = resolved.asText().trim();
    if (text.isEmpty()) {
      problems.accept("field `resolved`: empty");
      return new PackageSource.Unsupported("none", "", "the index gives an empty `resolved` location");
    }
    if (SafeUrl.hasUserInfo(text)) {
      problems.accept("field `resolved`: the URL embeds credentials; left unusable");
      return new PackageSource.Unsupported("other", SafeUrl.redact(text), "its URL embeds credentials");
    }
    if (text.startsWith("git+")) {
      return PackageSource.parseResolved(text, Path.of("/"));
    }
    if (SafeUrl.isHttp(text)) {
      return new PackageSource.Archive(text);
    }
    if (SCHEME.matcher(text).matches() && !text.matches("[A-Za-z]:[\\\\/].*")) {
      problems.accept("field `resolved`: unsupported location `" + text + "`");
      return new PackageSource.Unsupported("other", text, "`" + text + "` is not a location mp can fetch");
    }
    return relative(text, problems);
  }

  /** A path relative to the document (or absolute, for a local one). */
  private PackageSource relative(String text, Consumer<String> problems) {
    if (this instanceof Local local) {
      Path path = local.file().toAbsolutePath().getParent().resolve(text).normalize();
      return isArchive(text) ? new PackageSource.Archive(path.toString()) : new PackageSource.Folder(path);
    }
    URI base = ((Remote) this).uri();
    URI target;
    try {
      target = base.resolve(text);
    } catch (IllegalArgumentException e) {
      problems.accept("field `resolved`: `" + text + "` is not a valid relative URL");
      return new PackageSource.Unsupported("other", text, "`" + text + "` is not a valid relative URL");
    }
    if (!isArchive(text)) {
      problems.accept("field `resolved`: a folder in a remote index cannot be fetched; publish a `.tgz` or `.zip`");
      return new PackageSource.Unsupported("folder", text,
          "a folder in a remote index cannot be fetched; the registry must publish an archive or a git source");
    }
    return new PackageSource.Archive(target.toString());
  }

  /** True for names ending in {@code .tgz}, {@code .tar.gz} or {@code .zip} (ignoring a query). */
  static boolean isArchive(String location) {
    String lower = location.toLowerCase(Locale.ROOT);
    int cut = lower.indexOf('?');
    String path = cut < 0 ? lower : lower.substring(0, cut);
    return path.endsWith(".tgz") || path.endsWith(".tar.gz") || path.endsWith(".zip");
  }

  /**
   * The git repository holding a marketplace served as a raw GitHub file ({@code
   * https://raw.githubusercontent.com/OWNER/REPO/REF/path/.claude-plugin/marketplace.json}), with the
   * marketplace root as subdir; empty for any other URL.
   */
  static Optional<PackageSource.Git> githubRepository(URI uri) {
    if (uri.getHost() == null || !uri.getHost().equalsIgnoreCase("raw.githubusercontent.com") || uri.getPath() == null) {
      return Optional.empty();
    }
    String[] parts = uri.getPath().replaceAll("^/+", "").split("/");
    int refAt = 2;
    if (parts.length > 5 && parts[2].equals("refs") && (parts[3].equals("heads") || parts[3].equals("tags"))) {
      refAt = 4;
    }
    if (parts.length < refAt + 2 || !SourceObjects.REPO.matcher(parts[0] + "/" + parts[1]).matches()) {
      return Optional.empty();
    }
    int end = parts.length - 1;
    if (end - 1 > refAt && parts[end - 1].equals(".claude-plugin")) {
      end--;
    }
    String subdir = String.join("/", java.util.Arrays.copyOfRange(parts, refAt + 1, end));
    return Optional.of(new PackageSource.Git("https://github.com/" + parts[0] + "/" + parts[1] + ".git", parts[refAt],
        null, subdir.isEmpty() ? null : subdir));
  }
}
