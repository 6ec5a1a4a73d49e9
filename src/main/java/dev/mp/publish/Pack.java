package dev.mp.publish;

import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.io.AtomicFiles;
import dev.mp.registry.source.ClaudeDependencyForms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code mp pack}: one plugin folder into {@code <name>-<version>.tgz}, reproducibly (see {@link
 * Packer}). The archive is written to a temp file beside its target and renamed into place, so a
 * failed pack leaves nothing behind and an existing archive is replaced whole. Stateless.
 */
public final class Pack {
  private Pack() {}

  /**
   * What {@code mp pack} wrote.
   *
   * @param name the plugin's name
   * @param version its version
   * @param file the archive
   * @param integrity the canonical tree hash of the folder (and of the extracted archive)
   * @param archiveIntegrity SRI {@code sha512-} of the archive bytes
   * @param files how many files and links it holds
   * @param bytes the archive's size
   */
  public record PackResult(String name, String version, Path file, String integrity, String archiveIntegrity,
      int files, long bytes) {}

  /** {@code <name>-<version>.tgz}: the file name of a release's package, in {@code mp pack} and in registries. */
  public static String fileName(String name, String version, String extension) {
    return name + "-" + version + "." + extension;
  }

  /**
   * Packs {@code folder} into {@code outDir} (created when missing). Dependencies that Claude Code would
   * misread are warnings here; {@code mp registry build} refuses them.
   *
   * @throws MpException see {@link PluginFolder#read} and {@link Packer#pack}
   */
  public static PackResult pack(Path folder, String label, Path outDir, Reporter reporter) {
    if (outDir.toAbsolutePath().normalize().startsWith(folder.toAbsolutePath().normalize())) {
      throw MpException.usage("`--out` is inside the plugin folder `" + label + "`: the archive would be packed into"
          + " the next one", "write it elsewhere, e.g. `--out dist` from the folder above");
    }
    PluginFolder plugin = PluginFolder.read(folder, label);
    for (ClaudeDependencyForms.Problem problem : plugin.claudeProblems()) {
      reporter.warn("`" + label + "/" + PluginFolder.MANIFEST + "`: " + problem.message()
          + " (`mp registry build` refuses it)");
    }
    Path target = outDir.resolve(fileName(plugin.name(), plugin.version(), "tgz"));
    Path temp = outDir.resolve("." + target.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      Files.createDirectories(outDir);
      Packer.Packed packed = Packer.pack(plugin, temp, null);
      AtomicFiles.moveAtomically(temp, target);
      return new PackResult(plugin.name(), plugin.version(), target, packed.integrity(), packed.archiveIntegrity(),
          packed.files(), packed.archiveBytes());
    } catch (IOException e) {
      throw MpException.io("failed to write `" + target + "`", e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // A stray temp file is named so it is recognisable.
      }
    }
  }
}
