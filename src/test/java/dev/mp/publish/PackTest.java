package dev.mp.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.install.ArchiveExtractor;
import dev.mp.install.ExtractionLimits;
import dev.mp.integrity.TreeHash;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackTest {
  @TempDir Path temp;

  private Pack.PackResult pack(Path folder, String out) {
    return Pack.pack(folder, folder.getFileName().toString(), temp.resolve(out), Reporter.SILENT);
  }

  @Test
  void packingTheSameFolderTwiceGivesTheSameBytes() throws IOException {
    Path folder = PluginFolders.plugin(temp, "alpha", "1.0.0");

    Pack.PackResult first = pack(folder, "one");
    Pack.PackResult second = pack(folder, "two");

    assertThat(first.file().getFileName().toString()).isEqualTo("alpha-1.0.0.tgz");
    assertThat(Files.readAllBytes(second.file())).isEqualTo(Files.readAllBytes(first.file()));
    assertThat(second.archiveIntegrity()).isEqualTo(first.archiveIntegrity());
    assertThat(first.integrity()).isEqualTo(TreeHash.of(folder));
    assertThat(first.files()).isEqualTo(5);
  }

  @Test
  void aCopyWithOtherTimesOwnersModesAndAGitFolderPacksToTheSameBytes() throws IOException {
    Path folder = PluginFolders.plugin(temp, "alpha", "1.0.0");
    Path copy = temp.resolve("copy/alpha");
    copyPlain(folder, copy);
    TestFiles.write(copy.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    TestFiles.write(copy.resolve("skills/.git/config"), "[core]\n");
    // Another umask and owner: group-writable, owner-only execute, a different uid and gid.
    Files.setPosixFilePermissions(copy.resolve("commands/alpha.md"), PosixFilePermissions.fromString("rw-rw----"));
    Files.setPosixFilePermissions(copy.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwx------"));
    try (Stream<Path> paths = Files.walk(copy)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2031-02-03T04:05:06.789Z")));
        trySetOwner(path);
      }
    }

    Pack.PackResult original = pack(folder, "one");
    Pack.PackResult copied = pack(copy, "two");

    assertThat(Files.readAllBytes(copied.file())).isEqualTo(Files.readAllBytes(original.file()));
    assertThat(copied.integrity()).isEqualTo(original.integrity());
  }

  @Test
  void theExtractedArchiveHasTheFolderTreeHash() {
    Path folder = PluginFolders.plugin(temp, "alpha", "1.0.0");
    Pack.PackResult packed = pack(folder, "out");

    Path extracted = temp.resolve("extracted");
    ArchiveExtractor.extract(packed.file(), "alpha-1.0.0.tgz", extracted, ExtractionLimits.DEFAULT);

    assertThat(TreeHash.of(extracted)).isEqualTo(packed.integrity()).isEqualTo(TreeHash.of(folder));
    assertThat(Files.isSymbolicLink(extracted.resolve("README.md"))).isTrue();
    assertThat(Files.isExecutable(extracted.resolve("bin/run.sh"))).isTrue();
  }

  @Test
  void theGzipHeaderHasNoTimeNoNameAndAnUnknownSystem() throws IOException {
    Pack.PackResult packed = pack(PluginFolders.plugin(temp, "alpha", "1.0.0"), "out");

    byte[] head = Arrays.copyOf(Files.readAllBytes(packed.file()), 10);

    // ID1 ID2, deflate, no flags (no FNAME, no FCOMMENT), MTIME 0, XFL 2 (level 9), OS 255.
    assertThat(head).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff);
  }

  @Test
  void entriesAreSortedInOneTopFolderWithFixedOwnersTimesAndModes() throws IOException {
    Pack.PackResult packed = pack(PluginFolders.plugin(temp, "alpha", "1.0.0"), "out");

    List<String> lines = new ArrayList<>();
    try (InputStream in = Files.newInputStream(packed.file());
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        assertThat(entry.getLongUserId()).isZero();
        assertThat(entry.getLongGroupId()).isZero();
        assertThat(entry.getUserName()).isEmpty();
        assertThat(entry.getGroupName()).isEmpty();
        assertThat(entry.getModTime().toInstant()).isEqualTo(Instant.parse("1985-10-26T08:15:00Z"));
        lines.add(String.format("%o %s%s", entry.getMode(), entry.getName(),
            entry.isSymbolicLink() ? " -> " + entry.getLinkName() : ""));
      }
    }

    assertThat(lines).containsExactly(
        "755 alpha/",
        "755 alpha/.claude-plugin/",
        "644 alpha/.claude-plugin/plugin.json",
        "777 alpha/README.md -> commands/alpha.md",
        "755 alpha/bin/",
        "755 alpha/bin/run.sh",
        "755 alpha/commands/",
        "644 alpha/commands/alpha.md",
        "755 alpha/skills/",
        "755 alpha/skills/review/",
        "644 alpha/skills/review/SKILL.md");
  }

  @Test
  void longAndNonAsciiPathsGoThroughPaxHeadersAndComeBackWhole() throws IOException {
    Path folder = PluginFolders.plugin(temp, "alpha", "1.0.0");
    String deep = "a".repeat(60) + "/" + "b".repeat(60) + "/" + "c".repeat(120) + ".md";
    TestFiles.write(folder.resolve(deep), "deep\n");
    TestFiles.write(folder.resolve("docs/r\u00e9sum\u00e9-\uD83D\uDE80.md"), "unicode\n");
    Files.createSymbolicLink(folder.resolve("docs/far"), Path.of("../" + deep));

    Pack.PackResult packed = pack(folder, "out");
    Path extracted = temp.resolve("extracted");
    ArchiveExtractor.extract(packed.file(), "alpha-1.0.0.tgz", extracted, ExtractionLimits.DEFAULT);

    assertThat(TreeHash.of(extracted)).isEqualTo(packed.integrity());
    assertThat(Files.readString(extracted.resolve(deep))).isEqualTo("deep\n");
    assertThat(Files.readString(extracted.resolve("docs/r\u00e9sum\u00e9-\uD83D\uDE80.md"))).isEqualTo("unicode\n");
    assertThat(Files.readSymbolicLink(extracted.resolve("docs/far")).toString()).isEqualTo("../" + deep);
  }

  @Test
  void theSystemTarReadsTheArchive() throws Exception {
    Path folder = PluginFolders.plugin(temp, "alpha", "1.0.0");
    TestFiles.write(folder.resolve("x".repeat(90) + "/" + "y".repeat(90) + ".md"), "long\n");
    Pack.PackResult packed = pack(folder, "out");
    Path target = Files.createDirectories(temp.resolve("untarred"));

    Process tar = new ProcessBuilder("tar", "-xzf", packed.file().toString(), "-C", target.toString())
        .redirectErrorStream(true).start();
    String output = new String(tar.getInputStream().readAllBytes());

    assertThat(tar.waitFor()).as(output).isZero();
    assertThat(output).isEmpty();
    assertThat(TreeHash.of(target.resolve("alpha"))).isEqualTo(packed.integrity());
  }

  @Test
  void aFolderWithoutAManifestIsRefused() {
    Path folder = TestFiles.write(temp.resolve("empty/commands/x.md"), "x").getParent().getParent();

    assertThatThrownBy(() -> pack(folder, "out"))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_INVALID))
        .hasMessageContaining("has no `.claude-plugin/plugin.json`");
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  void aManifestWithoutNameOrVersionOrWithALooseVersionIsRefusedNamingTheField() {
    Path noName = TestFiles.write(temp.resolve("a/.claude-plugin/plugin.json"), "{\"version\": \"1.0.0\"}").getParent().getParent();
    Path noVersion = TestFiles.write(temp.resolve("b/.claude-plugin/plugin.json"), "{\"name\": \"b\"}").getParent().getParent();
    Path loose = TestFiles.write(temp.resolve("c/.claude-plugin/plugin.json"), "{\n  \"name\": \"c\",\n  \"version\": \"1.0\"\n}")
        .getParent().getParent();
    Path malformed = TestFiles.write(temp.resolve("d/.claude-plugin/plugin.json"), "{\"name\": \"d\",").getParent().getParent();

    assertThatThrownBy(() -> pack(noName, "out")).hasMessageContaining("no `name`");
    assertThatThrownBy(() -> pack(noVersion, "out")).hasMessageContaining("no `version`");
    assertThatThrownBy(() -> pack(loose, "out"))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_INVALID);
          assertThat(e.hints()).anyMatch(hint -> hint.contains("`1.0.0`"));
        })
        .hasMessageContaining("c/.claude-plugin/plugin.json:3:14: field `version`: `1.0` is not a SemVer 2.0 version");
    assertThatThrownBy(() -> pack(malformed, "out")).hasMessageContaining("malformed JSON");
  }

  @Test
  void linksLeavingTheFolderAreRefused() throws IOException {
    Path folder = PluginFolders.plugin(temp, "alpha", "1.0.0");
    Files.createSymbolicLink(folder.resolve("commands/secrets"), Path.of("../../outside"));
    Path absolute = PluginFolders.plugin(temp, "beta", "1.0.0");
    Path secret = TestFiles.write(temp.resolve("secret"), "secret");
    Files.createSymbolicLink(absolute.resolve("secret"), secret);

    assertThatThrownBy(() -> pack(folder, "out"))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_PACKAGE))
        .hasMessageContaining("commands/secrets` is a link to `../../outside`, outside the plugin folder");
    assertThatThrownBy(() -> pack(absolute, "out")).hasMessageContaining("is a link to `" + secret + "`");
  }

  @Test
  void anArchiveIsNeverWrittenIntoThePluginFolder() {
    Path folder = PluginFolders.plugin(temp, "alpha", "1.0.0");

    assertThatThrownBy(() -> Pack.pack(folder, "alpha", folder, Reporter.SILENT))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE_ERROR))
        .hasMessageContaining("inside the plugin folder");
    assertThat(folder.resolve("alpha-1.0.0.tgz")).doesNotExist();
  }

  @Test
  void theZipHoldsTheSameTreeAndIsReproducible() throws IOException {
    Path folder = PluginFolders.plugin(temp, "alpha", "1.0.0");
    Path copy = temp.resolve("copy/alpha");
    copyPlain(folder, copy);
    Files.setLastModifiedTime(copy.resolve("commands/alpha.md"), FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
    PluginFolder plugin = PluginFolder.read(folder, "alpha");

    Packer.Packed first = Packer.pack(plugin, null, temp.resolve("one.zip"));
    Packer.Packed second = Packer.pack(PluginFolder.read(copy, "copy"), null, temp.resolve("two.zip"));
    Path extracted = temp.resolve("extracted");
    ArchiveExtractor.extract(temp.resolve("one.zip"), "one.zip", extracted, ExtractionLimits.DEFAULT);

    assertThat(Files.readAllBytes(temp.resolve("two.zip"))).isEqualTo(Files.readAllBytes(temp.resolve("one.zip")));
    assertThat(second.zipSha256()).isEqualTo(first.zipSha256()).matches("[0-9a-f]{64}");
    assertThat(TreeHash.of(extracted)).isEqualTo(first.integrity()).isEqualTo(TreeHash.of(folder));
  }

  /** A copy made the way another machine would have it: new files, default modes, today's times. */
  private static void copyPlain(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isSymbolicLink(source)) {
          Files.createSymbolicLink(target, Files.readSymbolicLink(source));
        } else if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
          Set<PosixFilePermission> modes = Files.getPosixFilePermissions(source, LinkOption.NOFOLLOW_LINKS);
          Files.setPosixFilePermissions(target, modes.contains(PosixFilePermission.OWNER_EXECUTE)
              ? PosixFilePermissions.fromString("rwxrwxr-x") : PosixFilePermissions.fromString("rw-rw-r--"));
        }
      }
    }
  }

  /** Gives the file another owner where the process may (as root in CI); elsewhere times and modes differ only. */
  private static void trySetOwner(Path path) {
    try {
      Files.setAttribute(path, "unix:uid", 4242, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(path, "unix:gid", 4343, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // Not permitted for an unprivileged user: the other differences still apply.
    }
  }
}
