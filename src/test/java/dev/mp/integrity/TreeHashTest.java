package dev.mp.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeHashTest {
  /** The reference script of DESIGN.md §2, verbatim. */
  private static final String DESIGN_SCRIPT = """
      (find . -type f -o -type l | sed 's|^\\./||' | LC_ALL=C sort | while read p; do
        if [ -L "$p" ]; then printf 'link 000 %s %s\\n' "$(printf '%s' "$(readlink "$p")" | sha256sum | cut -d' ' -f1)" "$p"
        else m=644; [ -x "$p" ] && m=755; printf 'file %s %s %s\\n' $m "$(sha256sum < "$p" | cut -d' ' -f1)" "$p"; fi
      done) | openssl dgst -sha512 -binary | base64 -w0 | sed 's/^/sha512-/'
      """;

  @TempDir Path root;

  private Path samplePlugin() throws Exception {
    TestFiles.write(root.resolve(".claude-plugin/plugin.json"), "{\"name\": \"alpha\", \"version\": \"1.0.0\"}\n");
    TestFiles.write(root.resolve("commands/hello.md"), "# hello\n");
    TestFiles.write(root.resolve("commands/Zeta.md"), "upper case sorts first\n");
    TestFiles.write(root.resolve("scripts/run.sh"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(root.resolve("scripts/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    TestFiles.write(root.resolve("données/é.md"), "non-ASCII path\n");
    Files.createSymbolicLink(root.resolve("commands/alias.md"), Path.of("hello.md"));
    Files.write(root.resolve("empty"), new byte[0]);
    return root;
  }

  @Test
  void matchesTheReferenceScriptOfTheDesign() throws Exception {
    samplePlugin();
    Process process = new ProcessBuilder("sh", "-c", DESIGN_SCRIPT).directory(root.toFile()).start();
    String expected = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(expected).startsWith("sha512-");
    assertThat(TreeHash.of(root)).isEqualTo(expected);
  }

  @Test
  void theSingleStatWalkFindsWhatTheTreeWalkerFinds() throws Exception {
    samplePlugin();
    TestFiles.write(root.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    TestFiles.write(root.resolve("nested/deeper/.git/config"), "[core]\n");
    TestFiles.write(root.resolve("nested/deeper/tool"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(root.resolve("nested/deeper/tool"), PosixFilePermissions.fromString("rw-r-x---"));
    Files.createSymbolicLink(root.resolve("nested/to-folder"), Path.of("deeper"));
    Files.createSymbolicLink(root.resolve("dangling"), Path.of("nowhere"));
    Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("nested/fifo").toString()).start();
    assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS)).isTrue();
    List<TreeHash.FileRef> walked = TreeHash.walk(root);
    List<TreeHash.FileRef> reference = TreeHash.walkWithTreeWalker(root);
    assertThat(walked).extracting(TreeHash.FileRef::path).containsExactlyElementsOf(
        reference.stream().map(TreeHash.FileRef::path).toList()).contains("nested/deeper/tool", "nested/to-folder",
        "dangling").doesNotContain(".git/HEAD", "nested/deeper/.git/config", "nested/fifo");
    for (int i = 0; i < walked.size(); i++) {
      TreeHash.FileRef a = walked.get(i);
      TreeHash.FileRef b = reference.get(i);
      assertThat(a.file()).isEqualTo(b.file());
      assertThat(a.executable()).as(a.path()).isEqualTo(b.executable());
      assertThat(a.attributes().isSymbolicLink()).isEqualTo(b.attributes().isSymbolicLink());
      assertThat(a.attributes().isRegularFile()).isEqualTo(b.attributes().isRegularFile());
      assertThat(a.attributes().size()).isEqualTo(b.attributes().size());
      assertThat(a.attributes().lastModifiedTime()).isEqualTo(b.attributes().lastModifiedTime());
      assertThat(a.attributes().fileKey()).isEqualTo(b.attributes().fileKey());
      assertThat(a.ctimeNanos()).isEqualTo(((java.nio.file.attribute.FileTime) Files.getAttribute(a.file(), "unix:ctime",
          java.nio.file.LinkOption.NOFOLLOW_LINKS)).to(TimeUnit.NANOSECONDS));
    }
    assertThat(walked).filteredOn(TreeHash.FileRef::executable).extracting(TreeHash.FileRef::path)
        .containsExactly("nested/deeper/tool", "scripts/run.sh");
  }

  @Test
  void listsCanonicalLinesSortedByUtf8Bytes() throws Exception {
    samplePlugin();
    List<TreeHash.Entry> entries = TreeHash.entries(root, TreeHash.READ_CONTENT);
    assertThat(entries).extracting(TreeHash.Entry::path).containsExactly(
        ".claude-plugin/plugin.json", "commands/Zeta.md", "commands/alias.md", "commands/hello.md",
        "données/é.md", "empty", "scripts/run.sh");
    assertThat(entries.get(2).line()).isEqualTo(
        "link 000 " + TreeHash.sha256Hex("hello.md".getBytes(StandardCharsets.UTF_8)) + " commands/alias.md\n");
    assertThat(entries.get(6).mode()).isEqualTo("755");
    assertThat(entries.get(5).line()).isEqualTo(
        "file 644 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 empty\n");
  }

  @Test
  void skipsGitFoldersAndIsIndependentOfWhereTheTreeLives(@TempDir Path other) throws Exception {
    samplePlugin();
    String before = TreeHash.of(root);
    TestFiles.write(root.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    assertThat(TreeHash.of(root)).isEqualTo(before);
    TestFiles.copyTree(root, other);
    Files.delete(other.resolve("commands/alias.md"));
    Files.createSymbolicLink(other.resolve("commands/alias.md"), Path.of("hello.md"));
    assertThat(TreeHash.of(other)).isEqualTo(before);
  }

  @Test
  void changesWithContentModeOrName() throws Exception {
    samplePlugin();
    String before = TreeHash.of(root);
    Files.setPosixFilePermissions(root.resolve("commands/hello.md"), PosixFilePermissions.fromString("rwxr--r--"));
    String executable = TreeHash.of(root);
    assertThat(executable).isNotEqualTo(before);
    Files.setPosixFilePermissions(root.resolve("commands/hello.md"), PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(TreeHash.of(root)).isEqualTo(before);
    Files.move(root.resolve("empty"), root.resolve("empty2"));
    assertThat(TreeHash.of(root)).isNotEqualTo(before);
  }

  @Test
  void validatesSriStrings() {
    assertThat(Integrity.isValid(TreeHash.of(List.of()))).isTrue();
    assertThat(Integrity.isValid("sha512-abc")).isFalse();
    assertThat(Integrity.isValid("md5-" + "A".repeat(24))).isFalse();
    assertThat(Integrity.of("abc".getBytes(StandardCharsets.UTF_8), "sha256-x"))
        .isEqualTo("sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  }
}
