package dev.mp.registry.source;

import dev.mp.integrity.TreeHash;
import java.nio.file.Path;

/**
 * Computes the integrity of a plugin folder: always the canonical tree hash of DESIGN.md §2, possibly
 * answered in part from a cache of file hashes ({@code dev.mp.registry.cache.FileHashes}).
 */
@FunctionalInterface
public interface FolderHasher {
  /**
   * The {@code sha512-...} tree hash of {@code folder}.
   *
   * @throws dev.mp.MpException {@code IO_ERROR} when the folder cannot be read
   */
  String integrity(Path folder);

  /** Reads every byte, every time. */
  FolderHasher CANONICAL = TreeHash::of;
}
