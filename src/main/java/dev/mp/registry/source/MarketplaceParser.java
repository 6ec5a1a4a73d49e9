package dev.mp.registry.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.MpException;
import dev.mp.io.JsonDocument;
import dev.mp.registry.ClaudeVersions;
import dev.mp.registry.DependencySpec;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.PluginNames;
import dev.mp.registry.Release;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Claude Code {@code marketplace.json} the way Claude Code does. Each entry becomes a
 * {@link PluginEntry} with one release; its version is, in Claude Code's order, the plugin folder's
 * own {@code plugin.json} (when the folder is at hand), else the entry's {@code version}, else the
 * pinned git {@code sha} cut to 12 digits (with a {@code git-subdir}'s path digest), else an archive's
 * {@code sha256} cut to 12 digits, else {@link ClaudeVersions#UNKNOWN} (a git {@code ref} is never a
 * version; the installer settles the version once the package is fetched). Relative sources resolve from the marketplace root,
 * then under {@code metadata.pluginRoot}; a bare name is joined with {@code pluginRoot}. Local plugin
 * folders get the canonical tree hash as integrity; git and other sources have none until fetched.
 * Odd entries are reported and, where they can still be listed, kept with an unsupported source.
 * One instance per document (it remembers folder hashes); not thread-safe.
 */
public final class MarketplaceParser {
  /**
   * One entry, in file order.
   *
   * @param sourceKind {@code relative-path}, {@code github}, {@code url}, {@code git-subdir}, {@code npm},
   *     {@code archive}, {@code command} or {@code other}
   */
  public record Entry(PluginEntry plugin, String sourceKind) {}

  /**
   * A parsed marketplace.
   *
   * @param name its {@code name}, or null
   * @param entries the usable entries in file order (duplicates and nameless entries left out)
   */
  public record Marketplace(String name, List<Entry> entries) {
    public Marketplace {
      entries = List.copyOf(entries);
    }

    public List<PluginEntry> plugins() {
      return entries.stream().map(Entry::plugin).toList();
    }
  }

  private final JsonDocument document;
  private final Path localRoot;
  private final PackageSource.Git remoteRoot;
  private final ParseWarnings warnings;
  private final Map<Path, String> hashes = new HashMap<>();
  private final FolderHasher hasher;
  private String pluginRoot;

  private MarketplaceParser(JsonDocument document, Path localRoot, PackageSource.Git remoteRoot, ParseWarnings warnings,
      FolderHasher hasher) {
    this.hasher = hasher;
    this.document = document;
    this.localRoot = localRoot;
    this.remoteRoot = remoteRoot;
    this.warnings = warnings;
  }

  /**
   * Reads a marketplace whose plugin folders are on disk under {@code root}.
   */
  public static Marketplace parseLocal(JsonDocument document, Path root, ParseWarnings warnings) {
    return parseLocal(document, root, warnings, FolderHasher.CANONICAL);
  }

  /** {@link #parseLocal(JsonDocument, Path, ParseWarnings)}, hashing plugin folders with {@code hasher}. */
  public static Marketplace parseLocal(JsonDocument document, Path root, ParseWarnings warnings, FolderHasher hasher) {
    return new MarketplaceParser(document, root.toAbsolutePath().normalize(), null, warnings, hasher).parse();
  }

  /**
   * Reads a marketplace fetched over HTTP. Relative sources become git sources inside {@code
   * repository} (known when the URL is a raw GitHub file), or unsupported ones when it is null.
   */
  public static Marketplace parseRemote(JsonDocument document, PackageSource.Git repository, ParseWarnings warnings) {
    return new MarketplaceParser(document, null, repository, warnings, FolderHasher.CANONICAL).parse();
  }

  private Marketplace parse() {
    JsonNode root = document.root();
    if (!root.isObject()) {
      warnings.at(document.label(), "not a Claude Code marketplace: expected a JSON object; no plugins read");
      return new Marketplace(null, List.of());
    }
    JsonNode plugins = root.get("plugins");
    if (plugins == null || !plugins.isArray()) {
      List<String> keys = new ArrayList<>();
      for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
        keys.add("`" + it.next() + "`");
      }
      warnings.at(document.label(), "not a Claude Code marketplace: no top-level `plugins` array (top-level keys: "
          + (keys.isEmpty() ? "none" : String.join(", ", keys)) + "); no plugins read");
      return new Marketplace(SourceObjects.text(root, "name"), List.of());
    }
    JsonNode declaredRoot = root.path("metadata").get("pluginRoot");
    if (declaredRoot != null && declaredRoot.isTextual()) {
      pluginRoot = SourceObjects.subdir(declaredRoot.textValue());
      if (pluginRoot == null && !declaredRoot.textValue().matches("\\.?/?")) {
        warnings.at(document.where("/metadata/pluginRoot"), "`pluginRoot` must stay inside the marketplace; ignored");
      }
    }
    List<Entry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < plugins.size(); i++) {
      String where = document.where("/plugins/" + i);
      JsonNode node = plugins.get(i);
      if (!node.isObject()) {
        warnings.at(where, "expected a plugin object; skipped");
        continue;
      }
      String name = SourceObjects.text(node, "name");
      if (!PluginNames.isValid(name)) {
        warnings.at(where, name == null ? "entry without a `name`; skipped" : "invalid plugin name `" + name + "`; skipped");
        continue;
      }
      if (!names.add(name)) {
        warnings.plugin(where, name, "listed more than once; the first entry is kept");
        continue;
      }
      List<String> problems = new ArrayList<>();
      entries.add(entry(name, node, problems));
      problems.forEach(problem -> warnings.plugin(where, name, problem));
    }
    return new Marketplace(SourceObjects.text(root, "name"), entries);
  }

  private Entry entry(String name, JsonNode node, List<String> problems) {
    JsonNode source = node.get("source");
    String kind;
    PackageSource location;
    String archiveIntegrity = null;
    Path folder = null;
    if (source != null && source.isTextual() && isRelative(source.textValue())) {
      kind = "relative-path";
      if (localRoot != null) {
        folder = localFolder(source.textValue(), problems);
        location = folder != null ? new PackageSource.Folder(folder) : missing(source.textValue());
      } else {
        location = remoteFolder(source.textValue());
      }
    } else if (source != null && source.isTextual()) {
      SourceObjects.Parsed parsed = SourceObjects.unsupportedString(source.textValue(), problems::add);
      kind = parsed.kind();
      location = parsed.source();
    } else if (source != null && source.isObject()) {
      SourceObjects.Parsed parsed = SourceObjects.parse(source,
          localRoot == null ? SourceObjects.Place.REMOTE : new SourceObjects.Place(localRoot), problems::add);
      kind = parsed.kind();
      location = parsed.source();
      archiveIntegrity = parsed.archiveIntegrity();
    } else {
      problems.add(source == null ? "no `source`" : "`source` must be a relative path or a source object");
      kind = "other";
      location = new PackageSource.Unsupported("other", String.valueOf(source), "the entry gives no usable `source`");
    }
    Optional<PluginManifest> manifest = folder == null ? Optional.empty()
        : PluginManifest.read(folder, manifestLabel(folder), warnings);
    String entryVersion = PluginManifest.optionalText(node, "version", problems);
    String version = manifest.map(PluginManifest::version).orElse(null);
    if (version == null) {
      version = entryVersion;
    }
    if (version == null && location instanceof PackageSource.Git git && !"relative-path".equals(kind) && git.sha() != null) {
      version = ClaudeVersions.ofCommit(git.sha(), git.pathDigest());
    }
    if (version == null) {
      version = ClaudeVersions.ofArchive(archiveIntegrity);
    }
    if (version == null) {
      version = ClaudeVersions.UNKNOWN;
    }
    String description = PluginManifest.optionalText(node, "description", problems);
    if (description == null) {
      description = manifest.map(PluginManifest::description).orElse(null);
    }
    List<DependencySpec> dependencies = manifest.map(PluginManifest::dependencies).orElse(List.of());
    if (dependencies.isEmpty()) {
      dependencies = Dependencies.parse(node.get("dependencies"), problems::add);
    }
    String integrity = folder == null ? null : hash(folder, problems);
    Release release = new Release(version, integrity, archiveIntegrity, location, dependencies, false, null);
    return new Entry(new PluginEntry(name, description, null, List.of(release)), kind);
  }

  /** {@code ./x}, {@code ./}, {@code .} or a bare name: no scheme, not absolute. */
  private static boolean isRelative(String source) {
    return !source.isBlank() && !source.contains(":") && !source.startsWith("/") && !source.startsWith("\\");
  }

  private static boolean explicit(String source) {
    return source.equals(".") || source.startsWith("./");
  }

  private Path localFolder(String source, List<String> problems) {
    try {
      return localFolderOf(source, problems);
    } catch (java.nio.file.InvalidPathException e) {
      problems.add("source `" + source + "` is not a valid path on this system");
      return null;
    }
  }

  private Path localFolderOf(String source, List<String> problems) {
    String relative = SourceObjects.subdir(source);
    if (relative == null && !isRoot(source)) {
      problems.add("source `" + source + "` leaves the marketplace folder");
      return null;
    }
    List<Path> candidates = new ArrayList<>(2);
    if (explicit(source)) {
      candidates.add(relative == null ? localRoot : localRoot.resolve(relative));
      if (pluginRoot != null) {
        candidates.add(relative == null ? localRoot.resolve(pluginRoot) : localRoot.resolve(pluginRoot).resolve(relative));
      }
    } else if (relative != null) {
      candidates.add(pluginRoot == null ? localRoot.resolve(relative) : localRoot.resolve(pluginRoot).resolve(relative));
    }
    candidates.replaceAll(Path::normalize);
    candidates.removeIf(candidate -> !candidate.startsWith(localRoot));
    if (candidates.isEmpty()) {
      problems.add("source `" + source + "` leaves the marketplace folder");
      return null;
    }
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate.resolve(PluginManifest.FILE))) {
        return candidate;
      }
    }
    for (Path candidate : candidates) {
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    problems.add("the plugin folder `" + source + "` does not exist in the marketplace");
    return null;
  }

  private String manifestLabel(Path folder) {
    String relative = localRoot.relativize(folder).toString().replace('\\', '/');
    return (relative.isEmpty() ? "" : relative + "/") + PluginManifest.FILE;
  }

  /** {@code ./}, {@code .} and the like: the marketplace root itself. */
  private static boolean isRoot(String source) {
    return source.replace('\\', '/').matches("(\\./)*\\.?/*");
  }

  private static PackageSource missing(String source) {
    return new PackageSource.Unsupported("missing", source, "its folder `" + source + "` is not in the marketplace");
  }

  private PackageSource remoteFolder(String source) {
    if (remoteRoot == null) {
      return new PackageSource.Unsupported("relative-path", source,
          "a relative plugin folder of a marketplace fetched over HTTP cannot be fetched; use the marketplace's"
              + " git repository or a local checkout as the registry");
    }
    String relative = SourceObjects.subdir(source);
    if (relative == null && !isRoot(source)) {
      return new PackageSource.Unsupported("relative-path", source, "the source leaves the marketplace's repository");
    }
    if (!explicit(source) && pluginRoot != null) {
      relative = relative == null ? pluginRoot : pluginRoot + "/" + relative;
    }
    String base = remoteRoot.subdir();
    String subdir = base == null ? relative : relative == null ? base : base + "/" + relative;
    return new PackageSource.Git(remoteRoot.url(), remoteRoot.ref(), remoteRoot.sha(), subdir);
  }

  private String hash(Path folder, List<String> problems) {
    String known = hashes.get(folder);
    if (known != null) {
      return known;
    }
    try {
      String integrity = hasher.integrity(folder);
      hashes.put(folder, integrity);
      return integrity;
    } catch (MpException e) {
      problems.add(e.getMessage());
      return null;
    }
  }

}
