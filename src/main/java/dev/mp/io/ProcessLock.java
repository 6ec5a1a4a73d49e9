package dev.mp.io;

import dev.mp.MpException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * An exclusive lock between mp processes, held on a lock file through the operating system (so a
 * killed process releases it). The first time the lock is busy, {@code onWait} is told, so the CLI can
 * say "waiting for another mp process" the way cargo does.
 *
 * <p>Inside one JVM the lock is also exclusive: a second holder polls until the first closes.
 */
public final class ProcessLock implements AutoCloseable {
  private static final long POLL_MILLIS = 50;

  private final FileChannel channel;
  private final FileLock lock;

  private ProcessLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Blocks until the lock on {@code lockFile} is held.
   *
   * @param onWait called once with the lock file when another holder makes us wait
   * @throws MpException {@code IO_ERROR} when the lock file cannot be created
   */
  public static ProcessLock acquire(Path lockFile, Consumer<Path> onWait) {
    FileChannel channel = null;
    try {
      Files.createDirectories(lockFile.toAbsolutePath().getParent());
      channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      boolean told = false;
      while (true) {
        FileLock lock = null;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
          lock = null;
        }
        if (lock != null) {
          return new ProcessLock(channel, lock);
        }
        if (!told) {
          onWait.accept(lockFile);
          told = true;
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (IOException e) {
      closeQuietly(channel);
      throw MpException.io("failed to lock `" + lockFile + "`", e);
    } catch (InterruptedException e) {
      closeQuietly(channel);
      Thread.currentThread().interrupt();
      throw MpException.io("interrupted while waiting for `" + lockFile + "`", e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // Closing the channel below releases it anyway.
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing useful to do: the OS drops the lock with the descriptor.
      }
    }
  }
}
