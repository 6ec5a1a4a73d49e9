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
import dev.mp.registry.ReleaseDetails;
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
 * version; the installer settles the version once the package is fetched). Relative sources follow
 * {@link RelativeSource} ({@code ./x} from the marketplace root, a bare name under {@code
 * metadata.pluginRoot}). The entry's other fields (components, {@code strict}, {@code category}, ...)
 * are kept in the release's {@link ReleaseDetails#entryFields()} for the marketplace mp generates. Local
 * plugin folders get the canonical tree hash as integrity; git and other sources have none until
 * fetched. Every name Claude Code lists is kept; odd entries are reported and, where they can still be
 * listed, kept with an unsupported source. One instance per document (it remembers folder hashes); not
 * thread-safe.
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
  private String marketplaceName;

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
    marketplaceName = SourceObjects.text(root, "name");
    JsonNode declaredRoot = root.path("metadata").get("pluginRoot");
    if (declaredRoot != null && declaredRoot.isTextual()) {
      pluginRoot = RelativeSource.pluginRoot(declaredRoot.textValue());
      if (pluginRoot == null) {
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
      if (!PluginNames.isListed(name)) {
        warnings.at(where, PluginNames.listProblem(name) + "; skipped");
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
    return new Marketplace(marketplaceName, entries);
  }

  private Entry entry(String name, JsonNode node, List<String> problems) {
    JsonNode source = node.get("source");
    String kind;
    PackageSource location;
    String archiveIntegrity = null;
    Path folder = null;
    if (source != null && source.isTextual() && RelativeSource.applies(source.textValue())) {
      kind = "relative-path";
      RelativeSource.Resolved resolved = RelativeSource.resolve(source.textValue(), pluginRoot);
      if (resolved.problem() != null) {
        problems.add(resolved.problem());
        location = new PackageSource.Unsupported("relative-path", source.textValue(), resolved.problem());
      } else if (localRoot != null) {
        folder = localFolder(source.textValue(), resolved.path(), problems);
        location = folder != null ? new PackageSource.Folder(folder) : missing(source.textValue());
      } else {
        location = remoteFolder(source.textValue(), resolved.path());
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
        : PluginManifest.read(folder, manifestLabel(folder), marketplaceName, warnings);
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
      dependencies = Dependencies.parse(node.get("dependencies"), marketplaceName, problems::add);
    }
    String integrity = folder == null ? null : hash(folder, problems);
    Release release = new Release(version, integrity, archiveIntegrity, location, dependencies, false, null)
        .withDetails(ReleaseDetails.NONE.withEntryFields(EntryFields.of(node)));
    return new Entry(new PluginEntry(name, description, null, List.of(release)), kind);
  }

  private Path localFolder(String source, String relative, List<String> problems) {
    Path candidate;
    try {
      candidate = (relative.isEmpty() ? localRoot : localRoot.resolve(relative)).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      problems.add("source `" + source + "` is not a valid path on this system");
      return null;
    }
    if (!candidate.startsWith(localRoot)) {
      problems.add("source `" + source + "` leaves the marketplace folder");
      return null;
    }
    if (!Files.isDirectory(candidate)) {
      problems.add("the plugin folder `" + source + "` does not exist in the marketplace");
      return null;
    }
    return candidate;
  }

  private String manifestLabel(Path folder) {
    String relative = localRoot.relativize(folder).toString().replace('\\', '/');
    return (relative.isEmpty() ? "" : relative + "/") + PluginManifest.FILE;
  }

  private static PackageSource missing(String source) {
    return new PackageSource.Unsupported("missing", source, "its folder `" + source + "` is not in the marketplace");
  }

  private PackageSource remoteFolder(String source, String relative) {
    if (remoteRoot == null) {
      return new PackageSource.Unsupported("relative-path", source,
          "a relative plugin folder of a marketplace fetched over HTTP cannot be fetched; use the marketplace's"
              + " git repository or a local checkout as the registry");
    }
    String base = remoteRoot.subdir();
    String subdir = base == null ? (relative.isEmpty() ? null : relative)
        : relative.isEmpty() ? base : base + "/" + relative;
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
