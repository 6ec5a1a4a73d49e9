package dev.mp.content;

import dev.mp.MpException;
import dev.mp.integrity.TreeHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Scans every file of a plugin folder for hidden text: the content of each text file and the name of
 * each file. A file counts as text when its name ends in an extension a model or a shell reads
 * ({@code .md}, {@code .json}, {@code .sh}, ...) — those are always scanned, whatever bytes they hold,
 * because Claude Code decodes them leniently — or, for any other name, when it holds no NUL byte in
 * its first 8 KiB and is valid UTF-8 (so images and other binaries are skipped). Symbolic links are
 * not followed. Stateless and thread-safe.
 */
public final class PluginScanner {
  /** Extensions whose files are scanned even when they look binary. */
  static final Set<String> TEXT_EXTENSIONS = Set.of("md", "mdx", "markdown", "txt", "json", "jsonc", "yaml", "yml",
      "toml", "ini", "cfg", "conf", "xml", "html", "htm", "csv", "tsv", "sh", "bash", "zsh", "fish", "ps1", "bat",
      "cmd", "js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx", "py", "rb", "pl", "php", "lua", "go", "rs", "java",
      "kt", "swift", "c", "h", "cc", "cpp", "hpp", "cs", "sql", "r", "env", "properties", "gitignore");
  private static final int BINARY_SNIFF = 8192;

  private PluginScanner() {}

  /**
   * The hidden text in the plugin folder {@code folder}, sorted by path and position; paths relative to it.
   *
   * @throws MpException {@code IO_ERROR} when the folder cannot be read
   */
  public static List<HiddenTextFinding> scan(Path folder) {
    return scan(folder, ScanCache.NONE, "");
  }

  /**
   * {@link #scan(Path)}, answering files whose stat is unchanged from {@code cache} (under the key
   * {@code plugin}) and remembering the others there.
   */
  public static List<HiddenTextFinding> scan(Path folder, ScanCache cache, String plugin) {
    List<HiddenTextFinding> findings = new ArrayList<>();
    for (TreeHash.FileRef file : TreeHash.walk(folder)) {
      HiddenTextScanner.scanName(file.path(), file.path(), "file name").ifPresent(findings::add);
      if (file.attributes().isSymbolicLink()) {
        continue;
      }
      List<HiddenTextFinding> known = cache.find(plugin, file);
      if (known != null) {
        findings.addAll(known);
        continue;
      }
      // Wall-clock time, not the context's clock: it is compared with file system timestamps.
      long scannedAt = System.currentTimeMillis();
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file.file());
      } catch (IOException e) {
        throw MpException.io("failed to read `" + file.file() + "`", e);
      }
      List<HiddenTextFinding> found = scanFile(file.path(), bytes);
      cache.put(plugin, file, scannedAt, found);
      findings.addAll(found);
    }
    findings.sort(HiddenTextFinding.ORDER);
    return findings;
  }

  /** The hidden text in one file's content; nothing for a binary file. */
  public static List<HiddenTextFinding> scanFile(String path, byte[] bytes) {
    if (!HiddenTextScanner.mayHide(bytes) || (!isTextName(path) && looksBinary(bytes))) {
      return List.of();
    }
    return HiddenTextScanner.scan(path, bytes);
  }

  static boolean isTextName(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot >= 0 && TEXT_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static boolean looksBinary(byte[] bytes) {
    for (int i = 0; i < Math.min(bytes.length, BINARY_SNIFF); i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    for (int cp : HiddenTextScanner.decode(bytes)) {
      if (cp == 0xFFFD) {
        return true;
      }
    }
    return false;
  }
}
