package dev.mp.testing;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder for fuzz targets that touch files: each run gets a fresh work folder, and nothing may be
 * read or written anywhere else. Jazzer's file path traversal detector reports any file access
 * outside the work folder while the target runs; afterwards the sandbox must hold the work folder
 * and nothing beside it. Not thread-safe: one per fuzz test class.
 */
public final class FuzzSandbox {
  private final Path root;
  private long runs;

  private FuzzSandbox(Path root) {
    this.root = root;
  }

  /** A sandbox in memory ({@code /dev/shm}) where there is one: a fuzzer creates thousands of files a second. */
  public static FuzzSandbox create(String name) {
    try {
      Path shm = Path.of("/dev/shm");
      Path root = Files.isDirectory(shm) && Files.isWritable(shm)
          ? Files.createTempDirectory(shm, "mp-fuzz-" + name + "-")
          : Files.createTempDirectory("mp-fuzz-" + name + "-");
      root.toFile().deleteOnExit(); // empty once the last run is cleaned up
      return new FuzzSandbox(root.toRealPath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Code that works in {@code work}. */
  @FunctionalInterface
  public interface Body {
    void run(Path work) throws Exception;
  }

  /** Runs {@code body} in a fresh work folder, then checks nothing was written beside it and deletes it. */
  public void run(Body body) throws Exception {
    Path work = Files.createDirectory(root.resolve("run-" + runs++));
    Throwable failure = null;
    try (SilentCloseable confined = BugDetectors.setFilePathTraversalAllowPath(path -> inside(path, work))) {
      body.run(work);
    } catch (Exception | Error e) {
      failure = e;
      throw e;
    } finally {
      List<Path> beside;
      try (Stream<Path> entries = Files.list(root)) {
        beside = entries.filter(p -> !p.equals(work)).toList();
      }
      TestFiles.deleteTree(work);
      if (!beside.isEmpty()) {
        beside.forEach(TestFiles::deleteTree);
        AssertionError escaped = new AssertionError("written outside the work folder: " + beside);
        if (failure != null) {
          escaped.addSuppressed(failure);
        }
        throw escaped;
      }
    }
  }

  private static boolean inside(Path path, Path work) {
    return path.toAbsolutePath().normalize().startsWith(work);
  }
}
