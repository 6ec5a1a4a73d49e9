package dev.mp.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.integrity.TreeHash;
import dev.mp.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreesTest {
  @TempDir Path dir;

  @Test
  void copiesWhatTheTreeHashSeesWithNormalisedModes() throws Exception {
    Path from = sourceTree();
    Path to = dir.resolve("staging/plugin");
    Trees.copy(from, to);
    assertCopied(from, to);
  }

  @Test
  void aCopyWithItsListingHoldsTheSameAndListsWhatItCopied() throws Exception {
    Path from = sourceTree();
    Path to = dir.resolve("staging/plugin");
    Trees.CopiedTree copied = Trees.copyListing(from, to);
    assertCopied(from, to);
    assertThat(copied.entries()).isEqualTo(TreeHash.entries(to, TreeHash.READ_CONTENT));
    assertThat(copied.links()).extracting(TreeHash.FileRef::path).containsExactly("a/link.md");
  }

  @Test
  void modesAreNormalisedUnderARestrictiveUmask() throws Exception {
    Path from = sourceTree();
    Path to = dir.resolve("staging/plugin");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder("sh", "-c", "umask 077 && exec \"$0\" -cp \"$1\" \"$2\" \"$3\" \"$4\"", java,
        System.getProperty("java.class.path"), UmaskChild.class.getName(), from.toString(), to.toString())
        .redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes());
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertCopied(from, to);
  }

  /** Copies a tree with its listing in a process of its own, whose umask the test chose. */
  static final class UmaskChild {
    public static void main(String[] args) throws Exception {
      Trees.copyListing(Path.of(args[0]), Path.of(args[1]));
    }
  }

  private Path sourceTree() throws Exception {
    Path from = dir.resolve("from");
    TestFiles.write(from.resolve(".claude-plugin/plugin.json"), "{\"name\": \"x\"}\n");
    TestFiles.write(from.resolve("a/b/c/deep.md"), "deep\n");
    TestFiles.write(from.resolve("bin/tool"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(from.resolve("bin/tool"), PosixFilePermissions.fromString("rwx------"));
    TestFiles.write(from.resolve("private.md"), "x");
    Files.setPosixFilePermissions(from.resolve("private.md"), PosixFilePermissions.fromString("rw-------"));
    TestFiles.write(from.resolve(".git/HEAD"), "ref\n");
    TestFiles.write(from.resolve("sub/.git"), "gitdir: elsewhere\n");
    Files.createSymbolicLink(from.resolve("a/link.md"), Path.of("b/c/deep.md"));
    Files.write(from.resolve("empty"), new byte[0]);
    byte[] big = new byte[3 * 1024 * 1024 + 17];
    new java.util.Random(3).nextBytes(big);
    Files.write(from.resolve("big.bin"), big);
    Process mkfifo = new ProcessBuilder("mkfifo", from.resolve("fifo").toString()).start();
    assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return from;
  }

  private static void assertCopied(Path from, Path to) throws Exception {
    byte[] big = Files.readAllBytes(from.resolve("big.bin"));
    assertThat(TreeHash.of(to)).isEqualTo(TreeHash.of(from));
    assertThat(to.resolve(".git")).doesNotExist();
    assertThat(to.resolve("fifo")).doesNotExist();
    assertThat(to.resolve("sub/.git")).hasContent("gitdir: elsewhere");
    assertThat(Files.readSymbolicLink(to.resolve("a/link.md"))).isEqualTo(Path.of("b/c/deep.md"));
    assertThat(Files.readAllBytes(to.resolve("big.bin"))).isEqualTo(big);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(to.resolve("bin/tool"), LinkOption.NOFOLLOW_LINKS)))
        .isEqualTo("rwxr-xr-x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(to.resolve("private.md"), LinkOption.NOFOLLOW_LINKS)))
        .isEqualTo("rw-r--r--");
  }
}
