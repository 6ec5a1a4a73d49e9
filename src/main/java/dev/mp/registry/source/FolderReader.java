package dev.mp.registry.source;

import dev.mp.MpException;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.PluginNames;
import dev.mp.registry.Release;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A folder of plugins: every subfolder holding {@code .claude-plugin/plugin.json} is a plugin, with
 * the manifest's name (the folder's name when it gives none), version ({@code 0.0.0} when absent),
 * description and dependencies, and the canonical tree hash of the subfolder as integrity. Read
 * directly on every run: such folders are small and the hash must follow their content. Stateless.
 */
public final class FolderReader {
  private FolderReader() {}

  /**
   * The plugins of {@code folder}, sorted by folder name.
   *
   * @param display how the folder is named in warnings (as configured, e.g. {@code ./plugins})
   * @throws MpException {@code IO_ERROR} when the folder cannot be listed
   */
  public static List<PluginEntry> read(Path folder, String display, ParseWarnings warnings) {
    return read(folder, display, warnings, FolderHasher.CANONICAL);
  }

  /** {@link #read(Path, String, ParseWarnings)}, hashing plugin folders with {@code hasher}. */
  public static List<PluginEntry> read(Path folder, String display, ParseWarnings warnings, FolderHasher hasher) {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
      for (Path child : stream) {
        String name = child.getFileName().toString();
        if (!name.startsWith(".") && Files.isDirectory(child)) {
          children.add(child);
        }
      }
    } catch (IOException e) {
      throw MpException.io("failed to read the registry folder `" + display + "`", e);
    }
    children.sort(null);
    List<PluginEntry> plugins = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Path child : children) {
      String label = display + "/" + child.getFileName() + "/" + PluginManifest.FILE;
      if (!Files.isRegularFile(child.resolve(PluginManifest.FILE))) {
        continue;
      }
      Optional<PluginManifest> manifest = PluginManifest.read(child, label, null, warnings);
      if (manifest.isEmpty()) {
        continue;
      }
      String name = manifest.get().name();
      if (name == null) {
        name = child.getFileName().toString();
        warnings.at(label, "no `name`; using the folder name `" + name + "`");
      }
      if (!PluginNames.isListed(name)) {
        warnings.at(label, PluginNames.listProblem(name) + "; skipped");
        continue;
      }
      if (!names.add(name)) {
        warnings.plugin(label, name, "another folder already provides this plugin; skipped");
        continue;
      }
      String version = manifest.get().version() == null ? "0.0.0" : manifest.get().version();
      String integrity;
      try {
        integrity = hasher.integrity(child);
      } catch (MpException e) {
        warnings.plugin(label, name, e.getMessage() + "; skipped");
        continue;
      }
      Release release = new Release(version, integrity, null, new PackageSource.Folder(child),
          manifest.get().dependencies(), false, null);
      plugins.add(new PluginEntry(name, manifest.get().description(), null, List.of(release)));
    }
    if (plugins.isEmpty() && Files.isRegularFile(folder.resolve(PluginManifest.FILE))) {
      warnings.at(display, "this is a plugin folder, not a folder of plugins; point the registry at the folder"
          + " that contains it");
    }
    return plugins;
  }
}
