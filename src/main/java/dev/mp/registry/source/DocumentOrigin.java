package dev.mp.registry.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.io.SafeUrl;
import dev.mp.registry.PackageSource;
import java.net.URI;
import java.nio.file.Path;
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

  /** Resolves an index's {@code resolved} values against this origin (made once per document). */
  default Resolver resolver() {
    return new Resolver(this);
  }

  /** Resolves {@code resolved} values; holds the document's folder so each entry costs no path work. */
  final class Resolver {
    private final DocumentOrigin origin;
    private final Path folder;
    private final String folderText;

    Resolver(DocumentOrigin origin) {
      this.origin = origin;
      this.folder = origin instanceof Local local ? local.file().toAbsolutePath().getParent() : null;
      this.folderText = folder == null ? null : folder.toString();
    }

    /** What an index entry's {@code resolved} names; {@code problems} hears why an odd one is unusable. */
    public PackageSource resolve(JsonNode resolved, Consumer<String> problems) {
      if (resolved == null || resolved.isNull()) {
        return new PackageSource.Unsupported("none", "", "the index gives no `resolved` location");
      }
      if (resolved.isObject()) {
        return SourceObjects.parse(resolved, folder == null ? SourceObjects.Place.REMOTE : new SourceObjects.Place(folder),
            problems).source();
      }
      String text = resolved.asText().trim();
      if (text.isEmpty()) {
        problems.accept("field `resolved`: empty");
        return new PackageSource.Unsupported("none", "", "the index gives an empty `resolved` location");
      }
      if (text.indexOf('@') >= 0 && SafeUrl.hasUserInfo(text)) {
        problems.accept("field `resolved`: the URL embeds credentials; left unusable");
        return new PackageSource.Unsupported("other", SafeUrl.redact(text), "its URL embeds credentials");
      }
      if (text.startsWith("git+")) {
        PackageSource git = PackageSource.parseResolved(text, folder == null ? Path.of("/") : folder);
        if (git instanceof PackageSource.Unsupported unusable) {
          problems.accept("field `resolved`: " + unusable.reason());
          return git;
        }
        if (git instanceof PackageSource.Git local && local.isLocal() && folder == null) {
          problems.accept("field `resolved`: a registry fetched over HTTP may not name a repository on this machine");
          return new PackageSource.Unsupported("git", text, "a registry fetched over HTTP may not name a local repository");
        }
        return git;
      }
      if (SafeUrl.isHttp(text)) {
        return new PackageSource.Archive(text);
      }
      if (text.indexOf(':') > 0 && SCHEME.matcher(text).matches() && !text.matches("[A-Za-z]:[\\\\/].*")) {
        problems.accept("field `resolved`: unsupported location `" + text + "`");
        return new PackageSource.Unsupported("other", text, "`" + text + "` is not a location mp can fetch");
      }
      if (folder == null) {
        return remote(((Remote) origin).uri(), text, problems);
      }
      try {
        return local(text);
      } catch (java.nio.file.InvalidPathException e) {
        problems.accept("field `resolved`: `" + text + "` is not a valid path on this system");
        return new PackageSource.Unsupported("other", text, "`" + text + "` is not a valid path on this system");
      }
    }

    private PackageSource local(String text) {
      if (isArchive(text)) {
        // The common case, once per release: plain concatenation when the path has no `.`/`..` parts.
        boolean plain = text.charAt(0) != '.' && text.charAt(0) != '/' && text.indexOf("/.") < 0
            && text.indexOf("//") < 0 && text.indexOf('\\') < 0;
        return new PackageSource.Archive(plain ? folderText + "/" + text : folder.resolve(text).normalize().toString());
      }
      return new PackageSource.Folder(folder.resolve(text).normalize());
    }

    private static PackageSource remote(URI base, String text, Consumer<String> problems) {
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
  }

  /** True for names ending in {@code .tgz}, {@code .tar.gz} or {@code .zip} (ignoring a query). */
  static boolean isArchive(String location) {
    int cut = location.indexOf('?');
    int end = cut < 0 ? location.length() : cut;
    return endsWith(location, end, ".tgz") || endsWith(location, end, ".tar.gz") || endsWith(location, end, ".zip");
  }

  private static boolean endsWith(String text, int end, String suffix) {
    return end >= suffix.length() && text.regionMatches(true, end - suffix.length(), suffix, 0, suffix.length());
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
