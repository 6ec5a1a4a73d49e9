package dev.mp.install;

import java.nio.file.Path;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A staging folder beside the install folder holding verified plugins, before the swap. Closing it
 * without committing deletes it; a staging folder left by a killed process is deleted by the next run.
 *
 * @param dir the staging folder
 * @param plugins the staged plugins by name
 */
public record Staging(Path dir, SortedMap<String, StagedPlugin> plugins) implements AutoCloseable {
  public Staging {
    plugins = Collections.unmodifiableSortedMap(new TreeMap<>(plugins));
  }

  /** Deletes the staging folder if it is still there (after a commit it is gone). */
  @Override
  public void close() {
    Trees.deleteQuietly(dir);
  }
}
