package dev.mp.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.install.ArchiveExtractor;
import dev.mp.install.ExtractionLimits;
import dev.mp.integrity.TreeHash;
import dev.mp.io.AtomicFiles;
import dev.mp.io.Json;
import dev.mp.registry.source.ClaudeDependencyForms;
import dev.mp.resolve.Version;
import dev.mp.sign.IndexSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mp registry build} (DESIGN.md §10): publishes plugin folders and archives into a registry
 * folder of static files — {@code index.json} (the seed's format with {@code releases}) and {@code
 * packages/<name>-<version>.tgz} — optionally signed and with a Claude Code marketplace beside it.
 *
 * <ul>
 *   <li>The existing {@code index.json} is the registry's history: releases are added, none is
 *       removed, and each entry's top-level fields follow its highest release that is not yanked.
 *   <li>Releases are immutable: a version already published with other content is refused, naming both
 *       integrities; the same content again changes nothing. Only the releases given are read, so
 *       adding one release to a registry of thousands packs and hashes one plugin.
 *   <li>Every check runs before anything is written, and the writing is one {@link
 *       RegistryTransaction}: a failed build leaves the registry folder as it was.
 * </ul>
 *
 * Sources are read and packed in parallel (one thread per processor); errors are reported for the
 * first failing source in the order given. Not thread-safe; one per build.
 */
public final class RegistryBuilder {
  static final String INDEX = "index.json";

  private final Instant now;

  public RegistryBuilder(Instant now) {
    this.now = now;
  }

  /** A source read and, when new, packed into the staging folder. */
  private record Prepared(BuildRequest.Source source, PluginFolder plugin, String integrity, Packer.Packed packed,
      Path stagedTgz, Path stagedZip) {
    String key() {
      return plugin.name() + "@" + plugin.version();
    }
  }

  /**
   * Builds or updates the registry.
   *
   * @throws MpException {@code USAGE_ERROR} for a bad base URL, marketplace name or output folder, or a
   *     signed registry without {@code --key}; {@code PLUGIN_INVALID}, {@code UNSAFE_PACKAGE} for a source
   *     that cannot be published; {@code INTEGRITY_MISMATCH} for a published version given with other
   *     content; {@code INDEX_INVALID} for an {@code index.json} that is not a registry index; {@code
   *     IO_ERROR} when a file cannot be read or written — and on every one of them the folder is unchanged
   */
  public BuildResult build(BuildRequest request) {
    String baseUrl = BaseUrl.normalize(request.baseUrl());
    if (request.marketplace() != null) {
      MarketplaceWriter.checkName(request.marketplace());
    }
    Path dir = request.outDir();
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw MpException.usage("`" + request.outLabel() + "` is not a folder", "`--out` names the registry folder");
    }
    Path indexFile = dir.resolve(INDEX);
    String indexLabel = request.outLabel() + "/" + INDEX;
    byte[] before = Files.isDirectory(dir) ? AtomicFiles.readIfExists(indexFile) : null;
    IndexDocument index = before == null ? IndexDocument.empty(indexLabel) : IndexDocument.parse(indexLabel, before);
    boolean wasSigned = Files.exists(IndexSigner.signatureFile(indexFile));
    if (wasSigned && request.key() == null) {
      throw MpException.usage("`" + indexLabel + "` is signed (`" + INDEX + ".sig`), and a change without `--key` would"
          + " leave clients an index whose signature no longer matches",
          "pass `--key FILE` with the registry's private key");
    }
    try (RegistryTransaction transaction = new RegistryTransaction(dir)) {
      boolean archives = request.marketplace() != null && MarketplaceWriter.form(baseUrl) == MarketplaceWriter.Form.ARCHIVE;
      List<Prepared> prepared = Sources.prepareAll(request.sources(), source -> prepare(source, index, transaction, archives));
      List<BuildResult.PublishedRelease> releases = new ArrayList<>();
      Map<String, Path> fresh = new HashMap<>();
      Map<String, String> freshZips = new HashMap<>();
      Map<String, Prepared> seen = new LinkedHashMap<>();
      for (Prepared item : prepared) {
        Prepared first = seen.putIfAbsent(item.key(), item);
        if (first != null) {
          requireSame(first, item);
          continue;
        }
        ObjectNode existing = index.release(item.plugin().name(), item.plugin().version());
        if (existing != null) {
          releases.add(unchanged(item, existing, indexLabel));
          continue;
        }
        requireNewPrecedence(index, item);
        String file = "packages/" + Pack.fileName(item.plugin().name(), item.plugin().version(), "tgz");
        index.addRelease(item.plugin().name(), releaseNode(item, baseUrl, file));
        if (!alreadyThere(dir, file, item.stagedTgz())) {
          transaction.add(item.stagedTgz(), file);
        }
        fresh.put(item.key(), item.stagedTgz());
        if (item.stagedZip() != null) {
          String zip = "packages/" + Pack.fileName(item.plugin().name(), item.plugin().version(), "zip");
          transaction.replace(item.stagedZip(), zip);
          freshZips.put(item.key(), item.packed().zipSha256());
        }
        releases.add(new BuildResult.PublishedRelease(item.plugin().name(), item.plugin().version(),
            BuildResult.Status.ADDED, item.source().label(), item.integrity(), item.packed().archiveIntegrity(), file));
      }
      boolean changed = !fresh.isEmpty();
      BuildResult.MarketplaceResult marketplace = null;
      if (request.marketplace() != null) {
        MarketplaceWriter.Written written = MarketplaceWriter.write(index, request.marketplace(), baseUrl, dir, fresh,
            freshZips, transaction);
        Path file = dir.resolve(MarketplaceWriter.FILE);
        boolean differs = !Arrays.equals(written.bytes(), AtomicFiles.readIfExists(file));
        if (differs) {
          transaction.replace(MarketplaceWriter.FILE, written.bytes());
        }
        marketplace = new BuildResult.MarketplaceResult(file, request.marketplace(), written.form().wire(),
            written.plugins(), differs || written.packagesMade() > 0);
      }
      byte[] bytes = null;
      if (changed) {
        index.touch(now);
        bytes = index.bytes();
      }
      IndexSigner.SignedIndex signed = null;
      if (request.key() != null && (changed || request.expires() != null || !wasSigned)) {
        signed = IndexSigner.sign(indexLabel, bytes != null ? bytes : index.bytes(), request.key(), request.expires(), now,
            PreviousSignatures.of(before, indexFile, request.key(), fresh.keySet()));
        bytes = signed.bytes();
      }
      if (bytes != null) {
        transaction.replace(INDEX, bytes);
      }
      if (signed != null) {
        transaction.replace(INDEX + ".sig", (signed.signature() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      transaction.commit();
      return new BuildResult(indexFile, releases, bytes != null, index.pluginCount(), index.releaseCount(), signed,
          marketplace);
    }
  }

  /** Reads one source; packs it into the staging folder unless the index already has its version. */
  private static Prepared prepare(BuildRequest.Source source, IndexDocument index, RegistryTransaction transaction,
      boolean archives) {
    Path folder = source.path();
    if (Files.isRegularFile(source.path())) {
      folder = transaction.stagedPath("source");
      ArchiveExtractor.extract(source.path(), source.label(), folder, ExtractionLimits.DEFAULT);
    } else if (!Files.isDirectory(source.path())) {
      throw MpException.usage("`" + source.label() + "`: no such plugin folder or archive",
          "give plugin folders (holding `.claude-plugin/plugin.json`) or archives made by `mp pack`");
    }
    PluginFolder plugin = PluginFolder.read(folder, source.label());
    if (!plugin.claudeProblems().isEmpty()) {
      ClaudeDependencyForms.Problem problem = plugin.claudeProblems().get(0);
      throw new MpException(ErrorCode.PLUGIN_INVALID,
          "`" + source.label() + "/" + PluginFolder.MANIFEST + "`: " + problem.message(),
          "Claude Code reads the text after `@` as a marketplace name; the object form keeps the range for both"
              + " Claude Code and mp");
    }
    // The index is only read while sources are prepared in parallel; it changes after they all are.
    if (index.release(plugin.name(), plugin.version()) != null) {
      return new Prepared(source, plugin, integrity(plugin), null, null, null);
    }
    Path tgz = transaction.stagedPath(Pack.fileName(plugin.name(), plugin.version(), "tgz"));
    Path zip = archives ? transaction.stagedPath(Pack.fileName(plugin.name(), plugin.version(), "zip")) : null;
    Packer.Packed packed = Packer.pack(plugin, tgz, zip);
    return new Prepared(source, plugin, packed.integrity(), packed, tgz, zip);
  }

  private static String integrity(PluginFolder plugin) {
    List<TreeHash.Entry> entries = new ArrayList<>(plugin.files().size());
    try {
      for (TreeHash.FileRef ref : plugin.files()) {
        entries.add(TreeHash.entry(ref, TreeHash.READ_CONTENT));
      }
    } catch (IOException e) {
      throw MpException.io("failed to read `" + plugin.label() + "`", e);
    }
    return TreeHash.of(entries);
  }

  /** The same release given twice must be the same content. */
  private static void requireSame(Prepared first, Prepared again) {
    if (!first.integrity().equals(again.integrity())) {
      throw new MpException(ErrorCode.INTEGRITY_MISMATCH,
          "`" + first.plugin().name() + "` " + first.plugin().version() + " is given twice with different content: `"
              + first.source().label() + "` is " + first.integrity() + ", `" + again.source().label() + "` is "
              + again.integrity(),
          "a version names one content; raise `version` in one of them");
    }
  }

  /** A release the index already has: the same content is a no-op, other content is refused. */
  private static BuildResult.PublishedRelease unchanged(Prepared item, ObjectNode existing, String indexLabel) {
    String name = item.plugin().name();
    String version = item.plugin().version();
    String published = existing.path("integrity").isTextual() ? existing.get("integrity").textValue() : null;
    if (!item.integrity().equals(published)) {
      throw new MpException(ErrorCode.INTEGRITY_MISMATCH,
          "`" + name + "` " + version + " is already published with other content: the registry has "
              + (published == null ? "no integrity for it" : published) + ", `" + item.source().label() + "` is "
              + item.integrity(),
          "releases are immutable: raise `version` in `" + item.source().label() + "/" + PluginFolder.MANIFEST
              + "` and build again",
          "to withdraw the published one: `mp registry yank " + name + "@" + version + " --index " + indexLabel + "`");
    }
    String archiveIntegrity = existing.path("archiveIntegrity").isTextual() ? existing.get("archiveIntegrity").textValue() : null;
    String resolved = existing.path("resolved").isTextual() ? existing.get("resolved").textValue() : null;
    return new BuildResult.PublishedRelease(name, version, BuildResult.Status.UNCHANGED, item.source().label(),
        published, archiveIntegrity, resolved);
  }

  /** Versions that differ only in build metadata have one precedence: only one of them may be published. */
  private static void requireNewPrecedence(IndexDocument index, Prepared item) {
    Version version = Version.parse(item.plugin().version());
    for (String other : index.releases(item.plugin().name()).keySet()) {
      if (Version.parse(other).comparePrecedence(version) == 0) {
        throw new MpException(ErrorCode.PLUGIN_INVALID,
            "`" + item.plugin().name() + "` " + item.plugin().version() + " differs from the published " + other
                + " only in build metadata, which versions are not ordered by",
            "raise `version` in `" + item.source().label() + "/" + PluginFolder.MANIFEST + "`");
      }
    }
  }

  /**
   * True when the registry folder already holds exactly the new package (left by an interrupted build):
   * it stays. A file of that name with other bytes is refused.
   */
  private static boolean alreadyThere(Path dir, String file, Path staged) {
    Path target = dir.resolve(file);
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
          && Arrays.equals(Files.readAllBytes(target), Files.readAllBytes(staged))) {
        return true;
      }
    } catch (IOException e) {
      throw MpException.io("failed to read `" + target + "`", e);
    }
    throw new MpException(ErrorCode.INTEGRITY_MISMATCH,
        "`" + file + "` exists in the registry folder but `" + INDEX + "` does not list it, and it holds other bytes",
        "if it is left from an interrupted build, remove it and build again");
  }

  private static ObjectNode releaseNode(Prepared item, String baseUrl, String file) {
    ObjectNode release = Json.object();
    release.put("version", item.plugin().version());
    if (item.plugin().description() != null) {
      release.put("description", item.plugin().description());
    }
    release.put("integrity", item.integrity());
    release.put("archiveIntegrity", item.packed().archiveIntegrity());
    release.put("resolved", baseUrl == null ? file : baseUrl + file);
    release.set("dependencies", item.plugin().dependencies().deepCopy());
    return release;
  }
}
