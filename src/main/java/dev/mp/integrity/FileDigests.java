package dev.mp.integrity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of file contents, for {@link TreeHash} and the caches built on it: one digest and one
 * direct buffer per thread, reused from file to file, so hashing 20,000 small files allocates no
 * 64 KiB buffer per file and copies nothing through the heap. Thread-safe (state is per thread).
 */
public final class FileDigests {
  private static final int BUFFER = 64 * 1024;

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  });
  private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BUFFER));

  private FileDigests() {}

  /** Hex SHA-256 of a file's content (links are not followed). */
  public static String sha256Hex(java.nio.file.Path file) throws IOException {
    MessageDigest digest = SHA256.get();
    digest.reset();
    ByteBuffer buffer = BUFFERS.get();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      buffer.clear();
      while (channel.read(buffer) >= 0) {
        buffer.flip();
        digest.update(buffer);
        buffer.clear();
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Copies {@code source} (links not followed) to {@code target}, which must not exist, hashing the
   * bytes on their way through: the copy's SHA-256 without reading it back.
   *
   * @param mode the mode {@code target} is created with (the umask applies)
   * @return the hex SHA-256 of the bytes copied
   */
  public static String copy(java.nio.file.Path source, java.nio.file.Path target,
      java.nio.file.attribute.FileAttribute<?> mode) throws IOException {
    MessageDigest digest = SHA256.get();
    digest.reset();
    ByteBuffer buffer = BUFFERS.get();
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        FileChannel out = FileChannel.open(target, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            mode)) {
      buffer.clear();
      while (in.read(buffer) >= 0) {
        buffer.flip();
        buffer.mark();
        digest.update(buffer);
        buffer.reset();
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        buffer.clear();
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
