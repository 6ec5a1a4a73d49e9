package dev.mp.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mp.testing.FuzzRules;
import dev.mp.testing.FuzzSandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Timeout;

/**
 * Package archives as a stranger may serve them. The fuzzer builds {@code .tar.gz} and {@code .zip}
 * archives entry by entry (names with {@code ..}, absolute paths, backslashes and NULs; links in and
 * out of the plugin, hard links, devices, duplicates; truncated or damaged bytes), and feeds raw
 * bytes too. Extraction either gives a plugin folder whose every link stays inside it, or a coded
 * refusal; nothing is read or written outside the work folder, and the temporary {@code .raw}
 * folder never stays behind.
 */
class ArchiveExtractorFuzzTest {
  private static final FuzzSandbox SANDBOX = FuzzSandbox.create("archive");
  private static final ExtractionLimits LIMITS = new ExtractionLimits(1 << 20, 1 << 20, 64);
  private static final String[] NAMES = {
      "plugin", "plugin/", "plugin/.claude-plugin/plugin.json", "plugin/a", "plugin/a/b", "plugin/link", "./plugin/x",
      "plugin//y", "plugin/../escape", "../escape", "/etc/passwd", "C:/x", "plugin\\x", "plugin/\u0000x", ".",
      "./", "", ".claude-plugin/plugin.json", "a", "a/b", "link", "plugin/é ✓", "plugin/a/../b"};
  private static final String[] LINKS = {
      "a", "b", "plugin/a", "../a", "..", "../..", "/etc/passwd", "/", ".", "link", "a/../..", "x/../../y", "", "link/x"};

  @FuzzTest
  @Timeout(10)
  void anyTarGzIsExtractedSafelyOrRefused(FuzzedDataProvider data) throws Exception {
    byte[] archive = damage(data, gzip(tar(data)));
    extract(archive, "plugin.tgz");
  }

  @FuzzTest
  @Timeout(10)
  void anyZipIsExtractedSafelyOrRefused(FuzzedDataProvider data) throws Exception {
    byte[] archive = damage(data, zip(data));
    extract(archive, "plugin.zip");
  }

  @FuzzTest
  @Timeout(10)
  void anyBytesAreExtractedSafelyOrRefused(FuzzedDataProvider data) throws Exception {
    byte[] magic = switch (data.consumeInt(0, 3)) {
      case 0 -> new byte[] {0x1f, (byte) 0x8b, 8, 0};
      case 1 -> new byte[] {'P', 'K', 3, 4};
      case 2 -> new byte[] {'P', 'K', 5, 6};
      default -> new byte[0];
    };
    byte[] rest = data.consumeRemainingAsBytes();
    byte[] archive = new byte[magic.length + rest.length];
    System.arraycopy(magic, 0, archive, 0, magic.length);
    System.arraycopy(rest, 0, archive, magic.length, rest.length);
    extract(archive, "plugin.bin");
  }

  private static void extract(byte[] archive, String name) throws Exception {
    SANDBOX.run(work -> {
      Path file = work.resolve(name);
      Files.write(file, archive);
      Path target = work.resolve("store/plugin");
      if (FuzzRules.codedOnly(() -> ArchiveExtractor.extract(file, name, target, LIMITS)) == null) {
        assertLinksStayInside(target);
      } else {
        assertThat(target).doesNotExist();
      }
      assertThat(work.resolve("store/plugin.raw")).doesNotExist();
    });
  }

  /** Every link of the extracted tree, followed as the kernel would, ends inside the tree. */
  private static void assertLinksStayInside(Path root) throws IOException {
    Path real = root.toRealPath();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (Files.isSymbolicLink(path)) {
          assertThat(resolvesInside(root, path)).as(path + " -> " + Files.readSymbolicLink(path)).isTrue();
          if (Files.exists(path)) {
            assertThat(path.toRealPath().startsWith(real)).as(path + " -> " + Files.readSymbolicLink(path)).isTrue();
          }
        }
        assertThat(Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
            || Files.isSymbolicLink(path)).as(path.toString()).isTrue();
      }
    }
  }

  /**
   * Whether the link at {@code link} stays inside {@code root} when followed as the kernel follows
   * it, through the links on disk; a missing folder on the way counts as a folder that could be made
   * later (so a dangling link must not lead out either). A loop stays inside.
   */
  private static boolean resolvesInside(Path root, Path link) throws IOException {
    java.util.Deque<String> resolved = new java.util.ArrayDeque<>();
    root.relativize(link.getParent()).forEach(part -> {
      if (!part.toString().isEmpty()) {
        resolved.addLast(part.toString());
      }
    });
    java.util.Deque<String> pending = new java.util.ArrayDeque<>(java.util.List.of(Files.readSymbolicLink(link).toString().split("/", -1)));
    if (Files.readSymbolicLink(link).isAbsolute()) {
      return false;
    }
    for (int hops = 0; !pending.isEmpty(); ) {
      String part = pending.pollFirst();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (resolved.pollLast() == null) {
          return false;
        }
        continue;
      }
      resolved.addLast(part);
      Path here = root.resolve(String.join("/", resolved));
      if (Files.isSymbolicLink(here)) {
        Path target = Files.readSymbolicLink(here);
        if (target.isAbsolute()) {
          return false;
        }
        if (++hops > 40) {
          return true;
        }
        resolved.pollLast();
        java.util.List<String> next = new java.util.ArrayList<>(java.util.List.of(target.toString().split("/", -1)));
        next.addAll(pending);
        pending = new java.util.ArrayDeque<>(next);
      }
    }
    return true;
  }

  private static String name(FuzzedDataProvider data) {
    return data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(60);
  }

  private static String link(FuzzedDataProvider data) {
    return data.consumeBoolean() ? data.pickValue(LINKS) : data.consumeString(40);
  }

  private static byte[] tar(FuzzedDataProvider data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name())) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      int count = data.consumeInt(0, 12);
      for (int i = 0; i < count; i++) {
        String name = name(data);
        byte type = data.pickValue(new Byte[] {TarConstants.LF_NORMAL, TarConstants.LF_NORMAL, TarConstants.LF_DIR,
            TarConstants.LF_SYMLINK, TarConstants.LF_LINK, TarConstants.LF_CHR, TarConstants.LF_FIFO,
            TarConstants.LF_CONTIG, (byte) 'Z'});
        TarArchiveEntry entry;
        try {
          entry = new TarArchiveEntry(name, type, true);
        } catch (IllegalArgumentException e) {
          continue;
        }
        entry.setMode(data.consumeInt(0, 07777) | (type == TarConstants.LF_DIR ? 040000 : 0100000));
        if (type == TarConstants.LF_SYMLINK || type == TarConstants.LF_LINK) {
          entry.setLinkName(link(data));
        }
        boolean file = (type == TarConstants.LF_NORMAL || type == TarConstants.LF_CONTIG) && !entry.isDirectory();
        byte[] content = file ? data.consumeBytes(300) : new byte[0];
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }

  private static byte[] zip(FuzzedDataProvider data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
      int count = data.consumeInt(0, 12);
      for (int i = 0; i < count; i++) {
        String name = name(data);
        int kind = data.consumeInt(0, 4);
        boolean directory = kind == 1;
        ZipArchiveEntry entry = new ZipArchiveEntry(directory && !name.endsWith("/") ? name + "/" : name);
        entry.setMethod(data.consumeBoolean() ? ZipArchiveEntry.DEFLATED : ZipArchiveEntry.STORED);
        byte[] content;
        switch (kind) {
          case 1 -> {
            entry.setUnixMode(040755);
            content = new byte[0];
          }
          case 2 -> {
            entry.setUnixMode(0120777);
            content = link(data).getBytes(StandardCharsets.UTF_8);
          }
          case 3 -> {
            entry.setUnixMode(data.consumeInt(0, 0177777));
            content = data.consumeBytes(300);
          }
          default -> {
            if (data.consumeBoolean()) {
              entry.setUnixMode(0100000 | data.consumeInt(0, 0777));
            }
            content = data.consumeBytes(300);
          }
        }
        if (entry.getMethod() == ZipArchiveEntry.STORED) {
          java.util.zip.CRC32 crc = new java.util.zip.CRC32();
          crc.update(content);
          entry.setSize(content.length);
          entry.setCrc(crc.getValue());
        }
        try {
          zip.putArchiveEntry(entry);
        } catch (IllegalArgumentException e) {
          continue;
        }
        zip.write(content);
        zip.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** Sometimes cuts the archive short, flips a byte or appends junk, as a broken download or server would. */
  private static byte[] damage(FuzzedDataProvider data, byte[] archive) {
    switch (data.consumeInt(0, 5)) {
      case 0 -> {
        return java.util.Arrays.copyOf(archive, data.consumeInt(0, archive.length));
      }
      case 1 -> {
        if (archive.length > 0) {
          archive[data.consumeInt(0, archive.length - 1)] ^= (byte) data.consumeInt(1, 255);
        }
        return archive;
      }
      case 2 -> {
        byte[] junk = data.consumeBytes(64);
        byte[] longer = java.util.Arrays.copyOf(archive, archive.length + junk.length);
        System.arraycopy(junk, 0, longer, archive.length, junk.length);
        return longer;
      }
      default -> {
        return archive;
      }
    }
  }
}
