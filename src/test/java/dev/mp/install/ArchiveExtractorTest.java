package dev.mp.install;

import static dev.mp.install.Packages.Entry.dir;
import static dev.mp.install.Packages.Entry.executable;
import static dev.mp.install.Packages.Entry.file;
import static dev.mp.install.Packages.Entry.hardlink;
import static dev.mp.install.Packages.Entry.symlink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.integrity.TreeHash;
import dev.mp.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveExtractorTest {
  @TempDir Path temp;

  private static final List<Function<List<Packages.Entry>, byte[]>> FORMATS = List.of(Packages::tgz, Packages::zip);

  private Path extract(byte[] archive, ExtractionLimits limits) {
    Path file = Packages.write(temp.resolve("in-" + System.nanoTime()), archive);
    Path target = temp.resolve("out-" + System.nanoTime());
    ArchiveExtractor.extract(file, "pkg.tgz", target, limits);
    return target;
  }

  private void assertRefused(List<Packages.Entry> entries, String why) {
    for (Function<List<Packages.Entry>, byte[]> format : FORMATS) {
      byte[] archive = format.apply(entries);
      long before = countFiles(temp);
      assertThatThrownBy(() -> extract(archive, ExtractionLimits.DEFAULT))
          .isInstanceOfSatisfying(MpException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_PACKAGE);
            assertThat(e.exitCode()).isEqualTo(1);
          })
          .hasMessageContaining(why);
      assertThat(countFiles(temp)).as("nothing left behind").isEqualTo(before + 1);
      assertThat(Files.exists(temp.resolve("escaped"))).isFalse();
    }
  }

  private static long countFiles(Path dir) {
    try (var files = Files.walk(dir)) {
      return files.count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void stripsASingleTopLevelFolderAndKeepsExecuteBitsAndLinks() {
    List<Packages.Entry> entries = List.of(dir("package"), file("package/.claude-plugin/plugin.json", "{}"),
        executable("package/bin/run.sh", "#!/bin/sh\n"), symlink("package/docs/readme.md", "../bin/run.sh"));
    for (Function<List<Packages.Entry>, byte[]> format : FORMATS) {
      Path out = extract(format.apply(entries), ExtractionLimits.DEFAULT);
      assertThat(out.resolve(".claude-plugin/plugin.json")).hasContent("{}");
      assertThat(Files.isExecutable(out.resolve("bin/run.sh"))).isTrue();
      assertThat(Files.isSymbolicLink(out.resolve("docs/readme.md"))).isTrue();
      assertThat(out.resolve("package")).doesNotExist();
    }
  }

  @Test
  void keepsAPluginAtTheArchiveRootAsItIs() {
    Path out = extract(Packages.tgz(List.of(file(".claude-plugin/plugin.json", "{}"))), ExtractionLimits.DEFAULT);
    assertThat(out.resolve(".claude-plugin/plugin.json")).hasContent("{}");
    Path two = extract(Packages.zip(List.of(file("a/x.md", "x"), file("b/y.md", "y"))), ExtractionLimits.DEFAULT);
    assertThat(two.resolve("a/x.md")).exists();
    assertThat(two.resolve("b/y.md")).exists();
  }

  @Test
  void theSamePluginHasTheSameIntegrityAsFolderTarballAndZip() {
    Path folder = Packages.plugin(temp.resolve("src"), "alpha", "1.0.0");
    TestFiles.write(folder.resolve("données/é.md"), "non-ASCII\n");
    String integrity = TreeHash.of(folder);
    List<Packages.Entry> entries = Packages.entriesOf(folder, "alpha-1.0.0/");
    assertThat(TreeHash.of(extract(Packages.tgz(entries), ExtractionLimits.DEFAULT))).isEqualTo(integrity);
    assertThat(TreeHash.of(extract(Packages.zip(entries), ExtractionLimits.DEFAULT))).isEqualTo(integrity);
  }

  @Test
  void refusesZipSlipWithDotDot() {
    assertRefused(List.of(file("package/ok.md", "ok"), file("package/../../escaped", "pwned")), "contains `..`");
  }

  @Test
  void refusesAbsolutePaths() {
    assertRefused(List.of(file("/tmp/escaped", "pwned")), "is an absolute path");
  }

  @Test
  void refusesSymlinksLeadingOutside() {
    assertRefused(List.of(file("a.md", "a"), symlink("escaped", "../../etc/passwd")), "outside the plugin folder");
    assertRefused(List.of(file("a.md", "a"), symlink("escaped", "/etc/passwd")), "outside the plugin folder");
  }

  @Test
  void refusesSymlinksThatEscapeThroughAnotherLink() {
    // `up` points at the plugin root (inside); `up/..` is the folder above it, although the text
    // `up/..` normalises to `.`.
    assertRefused(List.of(file("a.md", "a"), symlink("up", "."), symlink("escaped", "up/..")), "outside the plugin folder");
  }

  @Test
  void refusesLinksWrittenThroughByLaterEntries() {
    assertRefused(List.of(symlink("d", "."), file("d/x.md", "x")), "lies below a link");
  }

  @Test
  void refusesHardLinksToAnythingButAFileOfThePlugin() {
    List<Packages.Entry> escape = List.of(file("package/a.md", "a"), hardlink("package/escaped", "../etc/passwd"));
    byte[] archive = Packages.tgz(escape);
    assertThatThrownBy(() -> extract(archive, ExtractionLimits.DEFAULT))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_PACKAGE))
        .hasMessageContaining("hard link");
    byte[] absolute = Packages.tgz(List.of(file("a.md", "a"), hardlink("escaped", "/etc/passwd")));
    assertThatThrownBy(() -> extract(absolute, ExtractionLimits.DEFAULT)).hasMessageContaining("hard link");
  }

  @Test
  void copiesHardLinksToFilesOfThePlugin() {
    Path out = extract(Packages.tgz(List.of(file("package/a.md", "same"), hardlink("package/b.md", "package/a.md"))),
        ExtractionLimits.DEFAULT);
    assertThat(out.resolve("b.md")).hasContent("same");
    assertThat(Files.isSymbolicLink(out.resolve("b.md"))).isFalse();
  }

  @Test
  void refusesDeviceFiles() {
    assertRefused(List.of(file("a.md", "a"), Packages.Entry.device("dev/null")), "device");
  }

  @Test
  void refusesACompressionBombBySizeCountingRealBytes() {
    byte[] zeros = new byte[3 << 20];
    byte[] archive = Packages.tgz(List.of(new Packages.Entry("bomb.bin", zeros, 0644, null, 'f')));
    assertThat(archive.length).isLessThan(64 << 10);
    assertThatThrownBy(() -> extract(archive, new ExtractionLimits(1 << 20, 1 << 20, 100)))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_PACKAGE))
        .hasMessageContaining("unpacks to more than 1 MiB");
  }

  @Test
  void refusesTooManyEntries() {
    List<Packages.Entry> many = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      many.add(file("f" + i, ""));
    }
    for (Function<List<Packages.Entry>, byte[]> format : FORMATS) {
      byte[] archive = format.apply(many);
      assertThatThrownBy(() -> extract(archive, new ExtractionLimits(1 << 20, 1 << 20, 100)))
          .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_PACKAGE))
          .hasMessageContaining("more than 100 entries");
    }
  }

  @Test
  void refusesSomethingThatIsNotAnArchive() {
    Path file = Packages.write(temp.resolve("page.tgz"), "<html>not found</html>".getBytes());
    assertThatThrownBy(() -> ArchiveExtractor.extract(file, "page.tgz", temp.resolve("out"), ExtractionLimits.DEFAULT))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PACKAGE_UNAVAILABLE))
        .hasMessageContaining("not a .tar.gz, .tar or .zip archive");
    assertThat(Files.exists(temp.resolve("out"), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }
}
