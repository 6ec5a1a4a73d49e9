package dev.mp.install;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a {@code .tgz}/{@code .tar.gz}, plain {@code .tar} or {@code .zip} archive (recognised by
 * its first bytes) into a plugin folder, refusing anything that could land outside it: absolute paths,
 * {@code ..}, symbolic links that resolve outside (following the archive's other links), hard links to
 * anything but a file of the archive, device files, fifos, and archives over the size or entry-count
 * limits (bytes counted while writing). A single top-level folder is stripped, as in GitHub's tarballs.
 *
 * <p>Links are created last, after every file is written, so no entry is ever written through a link.
 * Stateless and thread-safe.
 *
 * @see ExtractionLimits
 */
public final class ArchiveExtractor {
  private enum Kind { DIRECTORY, FILE, SYMLINK, HARDLINK }

  private record Item(String name, Kind kind, boolean executable, String link) {}

  private ArchiveExtractor() {}

  /**
   * Extracts {@code archive} into {@code target} (which must not exist).
   *
   * @param label how the archive is named in errors (a redacted URL or a path)
   * @throws MpException {@code UNSAFE_PACKAGE} when the archive is refused, {@code PACKAGE_UNAVAILABLE}
   *     when it is not a readable archive
   */
  public static void extract(Path archive, String label, Path target, ExtractionLimits limits) {
    Path raw = target.resolveSibling(target.getFileName() + ".raw");
    try {
      Trees.delete(raw);
      Files.createDirectories(raw);
      Run run = new Run(label, raw, limits);
      String format = sniff(archive);
      if (format.equals("zip")) {
        readZip(archive, run);
      } else {
        readTar(archive, format.equals("tgz"), run);
      }
      String top = run.singleTopFolder();
      run.createLinks(top);
      Path root = top == null ? raw : raw.resolve(top);
      Files.createDirectories(target.getParent());
      Files.move(root, target);
    } catch (IOException e) {
      throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE,
          "failed to extract `" + label + "`: " + MpException.describe(e), List.of(), e);
    } finally {
      Trees.deleteQuietly(raw);
    }
  }

  private static String sniff(Path archive) throws IOException {
    byte[] head = new byte[262];
    int n;
    try (InputStream in = Files.newInputStream(archive)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return "tgz";
    }
    if (n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5)) {
      return "zip";
    }
    if (n >= 262 && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar")) {
      return "tar";
    }
    throw new IOException("not a .tar.gz, .tar or .zip archive");
  }

  private static void readTar(Path archive, boolean gzip, Run run) throws IOException {
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
        InputStream in = gzip
            ? GzipCompressorInputStream.builder().setInputStream(file).setDecompressConcatenated(true).get()
            : file;
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.isGlobalPaxHeader() || entry.isPaxHeader()) {
          continue;
        }
        String name = entry.getName();
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
          throw run.refuse(name, "is a device file or fifo");
        }
        if (entry.isSymbolicLink()) {
          run.add(name, Kind.SYMLINK, false, entry.getLinkName(), null);
        } else if (entry.isLink()) {
          run.add(name, Kind.HARDLINK, false, entry.getLinkName(), null);
        } else if (entry.isDirectory()) {
          run.add(name, Kind.DIRECTORY, false, null, null);
        } else if (entry.isFile()) {
          run.add(name, Kind.FILE, (entry.getMode() & 0111) != 0, null, tar);
        } else {
          throw run.refuse(name, "is not a file, folder or link");
        }
      }
    }
  }

  private static void readZip(Path archive, Run run) throws IOException {
    try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
      for (Enumeration<ZipArchiveEntry> it = zip.getEntriesInPhysicalOrder(); it.hasMoreElements(); ) {
        ZipArchiveEntry entry = it.nextElement();
        String name = entry.getName();
        int type = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() & 0170000 : 0;
        if (type != 0 && type != 0100000 && type != 0040000 && type != 0120000) {
          throw run.refuse(name, "is a device file, fifo or socket");
        }
        if (entry.isUnixSymlink()) {
          String target;
          try (InputStream in = zip.getInputStream(entry)) {
            target = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
          }
          run.add(name, Kind.SYMLINK, false, target, null);
        } else if (entry.isDirectory()) {
          run.add(name, Kind.DIRECTORY, false, null, null);
        } else {
          try (InputStream in = zip.getInputStream(entry)) {
            run.add(name, Kind.FILE, (entry.getUnixMode() & 0111) != 0, null, in);
          }
        }
      }
    }
  }

  /** The state of one extraction: what has been written, counted against the limits. */
  private static final class Run {
    private final String label;
    private final Path raw;
    private final ExtractionLimits limits;
    private final Map<String, Item> items = new HashMap<>();
    private final List<Item> links = new ArrayList<>();
    private long bytes;
    /** One copy buffer for the whole archive: a new 64 KiB array per entry was most of an install's garbage. */
    private final byte[] buffer = new byte[1 << 16];
    private int entries;

    Run(String label, Path raw, ExtractionLimits limits) {
      this.label = label;
      this.raw = raw;
      this.limits = limits;
    }

    MpException refuse(String entry, String why) {
      return new MpException(ErrorCode.UNSAFE_PACKAGE,
          "refused archive `" + label + "`: entry `" + entry + "` " + why,
          "the package is unsafe to install; nothing was installed",
          "report it to the registry that serves it");
    }

    void add(String rawName, Kind kind, boolean executable, String link, InputStream content) throws IOException {
      if (++entries > limits.maxEntries()) {
        throw new MpException(ErrorCode.UNSAFE_PACKAGE,
            "refused archive `" + label + "`: more than " + limits.maxEntries() + " entries",
            "the package is unsafe to install; nothing was installed");
      }
      String name;
      try {
        name = ArchiveEntryPath.normalize(rawName);
      } catch (IllegalArgumentException e) {
        throw refuse(rawName, e.getMessage());
      }
      if (name == null) {
        if (kind == Kind.DIRECTORY) {
          return;
        }
        throw refuse(rawName, "names the archive root");
      }
      Item previous = items.get(name);
      if (previous != null && !(previous.kind == Kind.DIRECTORY && kind == Kind.DIRECTORY)) {
        throw refuse(rawName, "appears twice");
      }
      Item item = new Item(name, kind, executable, link);
      items.put(name, item);
      Path path = raw.resolve(name);
      if (!path.normalize().startsWith(raw)) {
        throw refuse(rawName, "leads outside the plugin folder");
      }
      switch (kind) {
        case DIRECTORY:
          Files.createDirectories(path);
          break;
        case FILE:
          Files.createDirectories(path.getParent());
          write(rawName, content, path);
          Files.setPosixFilePermissions(path, executable ? Trees.EXECUTABLE : Trees.FILE);
          break;
        default:
          links.add(item);
      }
    }

    private void write(String rawName, InputStream content, Path path) throws IOException {
      try (OutputStream out = Files.newOutputStream(path)) {
        int n;
        while ((n = content.read(buffer)) > 0) {
          bytes += n;
          if (bytes > limits.maxBytes()) {
            throw new MpException(ErrorCode.UNSAFE_PACKAGE,
                "refused archive `" + label + "`: it unpacks to more than " + (limits.maxBytes() >> 20)
                    + " MiB (at entry `" + rawName + "`)",
                "the package is unsafe to install; nothing was installed");
          }
          out.write(buffer, 0, n);
        }
      }
    }

    /** The one folder every entry is inside, or null when the archive holds the plugin at its root. */
    String singleTopFolder() {
      String top = null;
      for (String name : items.keySet()) {
        int slash = name.indexOf('/');
        String first = slash < 0 ? name : name.substring(0, slash);
        if (top != null && !top.equals(first)) {
          return null;
        }
        top = first;
      }
      Item topItem = top == null ? null : items.get(top);
      // A plugin whose only folder is `.claude-plugin/` is at the root, not wrapped in a folder.
      boolean wrapped = top != null && !top.equals(".claude-plugin")
          && (topItem == null || topItem.kind == Kind.DIRECTORY);
      return wrapped ? top : null;
    }

    void createLinks(String top) throws IOException {
      String prefix = top == null ? "" : top + "/";
      Map<String, String> symlinks = new TreeMap<>();
      for (Item item : links) {
        if (item.kind == Kind.SYMLINK) {
          symlinks.put(item.name.substring(prefix.length()), item.link);
        }
      }
      Set<String> linkNames = new HashSet<>();
      links.forEach(l -> linkNames.add(l.name));
      for (String name : items.keySet()) {
        for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
          if (linkNames.contains(name.substring(0, slash))) {
            throw refuse(name, "lies below a link");
          }
        }
      }
      links.sort(java.util.Comparator.comparing(Item::name));
      for (Item item : links) {
        String inRoot = item.name.substring(prefix.length());
        Path path = raw.resolve(item.name);
        Files.createDirectories(path.getParent());
        if (item.kind == Kind.SYMLINK) {
          if (!ArchiveEntryPath.staysInside(inRoot, item.link, symlinks)) {
            throw refuse(item.name, "is a link to `" + item.link + "`, outside the plugin folder");
          }
          Files.createSymbolicLink(path, Path.of(item.link));
        } else {
          copyHardLink(item, prefix, path);
        }
      }
    }

    private void copyHardLink(Item item, String prefix, Path path) throws IOException {
      String target;
      try {
        target = ArchiveEntryPath.normalize(item.link);
      } catch (IllegalArgumentException e) {
        throw refuse(item.name, "is a hard link to `" + item.link + "`, which " + e.getMessage());
      }
      Item file = target == null ? null : items.get(target);
      if (file == null || file.kind != Kind.FILE || !target.startsWith(prefix)) {
        throw refuse(item.name, "is a hard link to `" + item.link + "`, which is not a file of the plugin");
      }
      // A copy, not a real hard link: the installed plugin shares no inode with anything.
      try (InputStream in = Files.newInputStream(raw.resolve(target))) {
        write(item.name, in, path);
      }
      Files.setPosixFilePermissions(path, file.executable ? Trees.EXECUTABLE : Trees.FILE);
    }
  }
}
