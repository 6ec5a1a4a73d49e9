package dev.mp.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mp.testing.FuzzRules;
import dev.mp.testing.FuzzSandbox;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * The canonical tree hash over trees a package may unpack to: odd names (spaces, non-ASCII, {@code
 * .git}, names that sort differently as UTF-16 and as UTF-8), empty folders, executables, links to
 * anywhere (never followed). Hashing gives a coded error or a hash that depends on the tree only
 * (not on the order files were created in, nor on where the tree is), and both directory walkers
 * list the same files.
 */
class TreeHashFuzzTest {
  private static final FuzzSandbox SANDBOX = FuzzSandbox.create("tree-hash");
  private static final String[] SEGMENTS = {
      "a", "b", "A", ".git", ".claude-plugin", "plugin.json", "é", "e\u0301", "\uffff", "\ud83d\ude80", "z", " ", "-",
      "a b", "..."};
  private static final String[] LINKS = {"a", "../a", "/etc/passwd", "..", ".", "b/c", "", "\u00e9", "../../outside"};

  /** One entry of a generated tree. */
  private record Node(String path, int kind, byte[] content, boolean executable, String link) {}

  @FuzzTest
  @Timeout(10)
  void theHashDependsOnTheTreeOnly(FuzzedDataProvider data) throws Exception {
    List<Node> nodes = new ArrayList<>();
    int count = data.consumeInt(0, 10);
    for (int i = 0; i < count; i++) {
      StringBuilder path = new StringBuilder();
      int depth = data.consumeInt(1, 3);
      for (int d = 0; d < depth; d++) {
        path.append(d == 0 ? "" : "/").append(data.consumeBoolean() ? data.pickValue(SEGMENTS) : data.consumeString(12));
      }
      int kind = data.consumeInt(0, 2);
      nodes.add(new Node(path.toString(), kind, kind == 0 ? data.consumeBytes(100) : null, data.consumeBoolean(),
          kind == 2 ? (data.consumeBoolean() ? data.pickValue(LINKS) : data.consumeString(20)) : null));
    }
    SANDBOX.run(work -> {
      Path first = Files.createDirectory(work.resolve("first"));
      List<Node> made = build(first, nodes);
      Path second = Files.createDirectory(work.resolve("second"));
      List<Node> reversed = new ArrayList<>(made);
      Collections.reverse(reversed);
      build(second, reversed);
      FuzzRules.codedOnly(() -> {
        String hash = TreeHash.of(first);
        assertThat(TreeHash.of(second)).as("the same tree built in another order and place").isEqualTo(hash);
        assertThat(TreeHash.walkWithTreeWalker(first).stream().map(TreeHash.FileRef::path).toList())
            .isEqualTo(TreeHash.walk(first).stream().map(TreeHash.FileRef::path).toList());
      });
    });
  }

  /** Whether a folder on the way to {@code path} is a file or a link (the link could lead anywhere). */
  private static boolean belowAFileOrLink(Path root, Path path) {
    for (Path at = path.getParent(); !at.equals(root); at = at.getParent()) {
      if (Files.exists(at, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          && !Files.isDirectory(at, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        return true;
      }
    }
    return false;
  }

  /** Creates what the file system accepts of {@code nodes} under {@code root}; returns those created. */
  private static List<Node> build(Path root, List<Node> nodes) throws IOException {
    List<Node> made = new ArrayList<>();
    for (Node node : nodes) {
      Path path;
      try {
        path = root.resolve(node.path()).normalize();
      } catch (InvalidPathException e) {
        continue;
      }
      if (!path.startsWith(root) || path.equals(root) || belowAFileOrLink(root, path)) {
        continue;
      }
      try {
        Files.createDirectories(path.getParent());
        switch (node.kind()) {
          case 0 -> {
            Files.write(path, node.content(), java.nio.file.StandardOpenOption.CREATE_NEW);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(node.executable() ? "rwxr-xr-x" : "rw-r--r--"));
          }
          case 1 -> Files.createDirectory(path);
          default -> Files.createSymbolicLink(path, Path.of(node.link()));
        }
        made.add(node);
      } catch (FileAlreadyExistsException | NoSuchFileException | InvalidPathException e) {
        // Taken by an earlier node, or below a file or link: the tree is whatever could be made.
      } catch (IOException e) {
        if (!String.valueOf(e.getMessage()).contains("Not a directory") && !String.valueOf(e.getMessage()).contains("File name too long")) {
          throw e;
        }
      }
    }
    return made;
  }
}
