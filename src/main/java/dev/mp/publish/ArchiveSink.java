package dev.mp.publish;

import java.io.IOException;

/**
 * Where {@link Packer} writes a plugin's entries, in order: folders, then files (begun with their size,
 * written in chunks, ended) and links. One implementation per archive format; not thread-safe.
 */
interface ArchiveSink {
  /** A folder entry; {@code path} ends without {@code /}. */
  void directory(String path) throws IOException;

  /** Starts a regular file of exactly {@code size} bytes, to be written with {@link #write} and ended with {@link #endFile}. */
  void beginFile(String path, boolean executable, long size) throws IOException;

  void write(byte[] bytes, int offset, int length) throws IOException;

  void endFile() throws IOException;

  /** A symbolic link to {@code target} (relative, inside the plugin: checked before packing). */
  void link(String path, String target) throws IOException;

  /** Writes the archive's end and closes it. */
  void finish() throws IOException;
}
