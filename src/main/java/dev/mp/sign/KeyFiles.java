package dev.mp.sign;

import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Key files on disk. {@code mp registry keygen FILE} writes the private key to {@code FILE} (one line,
 * see {@link Ed25519PrivateKey}), created with mode {@code 600} from the start, and the public key to
 * {@code FILE.pub} ({@code ed25519:BASE64\n}). Loading a private key that other users can read is
 * allowed (CI runners often write secrets with the default umask) but warned about, as GnuPG does.
 */
public final class KeyFiles {
  /** Private key files larger than this are not key files. */
  static final int MAX_KEY_FILE_BYTES = 16 * 1024;

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private KeyFiles() {}

  /**
   * What {@link #generate} wrote.
   *
   * @param privateKeyFile the secret key file (mode 600 where the file system has POSIX modes)
   * @param publicKeyFile {@code privateKeyFile} + {@code .pub}
   * @param publicKey the public key, to put in a registry's {@code keys}
   */
  public record GeneratedKey(Path privateKeyFile, Path publicKeyFile, Ed25519PublicKey publicKey) {}

  /** {@code FILE.pub} for {@code FILE}. */
  public static Path publicKeyFile(Path privateKeyFile) {
    return privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".pub");
  }

  /**
   * Generates a key pair and writes {@code file} and {@code file.pub}.
   *
   * @param force replace existing files; without it an existing file is an error and nothing is written
   * @param label how {@code file} is shown in messages
   * @throws MpException {@code USAGE_ERROR} when a file exists and {@code force} is false, {@code
   *     IO_ERROR} when a file cannot be written
   */
  public static GeneratedKey generate(Path file, String label, boolean force, Reporter reporter) {
    Path publicFile = publicKeyFile(file);
    if (Files.isDirectory(file)) {
      throw MpException.usage("`" + label + "` is a directory", "name the private key file to write, e.g. `registry.key`");
    }
    if (!force) {
      for (Path existing : new Path[] {file, publicFile}) {
        if (Files.exists(existing)) {
          throw exists(existing.equals(file) ? label : label + ".pub");
        }
      }
    }
    Ed25519PrivateKey key = Ed25519PrivateKey.generate();
    writePrivate(file, label, key.encode(), force, reporter);
    AtomicFiles.write(publicFile, (key.publicKey().text() + "\n").getBytes(StandardCharsets.UTF_8));
    return new GeneratedKey(file, publicFile, key.publicKey());
  }

  /**
   * Reads a private key file.
   *
   * @param label how the file is shown in messages (its content never is)
   * @param reporter told when other users can read the file
   * @throws MpException {@code IO_ERROR} when the file cannot be read, {@code CONFIG_ERROR} when it is
   *     not a private key
   */
  public static Ed25519PrivateKey load(Path file, String label, Reporter reporter) {
    byte[] bytes;
    try {
      if (Files.isRegularFile(file) && Files.size(file) > MAX_KEY_FILE_BYTES) {
        throw MpException.config("`" + label + "` is not an mp private key: the file is too large",
            "create one with `mp registry keygen FILE`");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw MpException.io("failed to read private key `" + label + "`", e);
    }
    Ed25519PrivateKey key = Ed25519PrivateKey.parse(new String(bytes, StandardCharsets.UTF_8), label);
    if (readableByOthers(file)) {
      reporter.warn("private key `" + label + "` can be read by other users; run `chmod 600 " + label + "`");
    }
    return key;
  }

  private static boolean readableByOthers(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      return permissions.contains(PosixFilePermission.GROUP_READ)
          || permissions.contains(PosixFilePermission.OTHERS_READ);
    } catch (UnsupportedOperationException | IOException e) {
      return false;
    }
  }

  /**
   * Writes the secret to a temp file created owner-only (never briefly readable by others), then moves
   * it into place: replacing with {@code force}, else with a hard link, which fails rather than
   * replace a file that appeared meanwhile.
   */
  private static void writePrivate(Path file, String label, byte[] secret, boolean force, Reporter reporter) {
    Path parent = file.toAbsolutePath().getParent();
    Path temp = parent.resolve("." + file.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    boolean posix = parent.getFileSystem().supportedFileAttributeViews().contains("posix");
    try {
      Files.createDirectories(parent);
      FileAttribute<?>[] attributes =
          posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
      try (SeekableByteChannel channel =
          Files.newByteChannel(temp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
        ByteBuffer buffer = ByteBuffer.wrap(secret);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
      if (force) {
        AtomicFiles.moveAtomically(temp, file);
      } else {
        linkNew(temp, file, label);
      }
    } catch (IOException e) {
      throw MpException.io("failed to write private key `" + label + "`", e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // A stray temp file is named so it is recognisable; it holds no more than the key file.
      }
    }
    if (!posix) {
      reporter.warn("this file system has no POSIX permissions; make sure only you can read `" + label + "`");
    }
  }

  private static void linkNew(Path temp, Path file, String label) throws IOException {
    try {
      try {
        Files.createLink(file, temp);
      } catch (UnsupportedOperationException noHardLinks) {
        Files.move(temp, file);
      }
    } catch (FileAlreadyExistsException e) {
      throw exists(label);
    }
  }

  private static MpException exists(String label) {
    return MpException.usage("`" + label + "` already exists",
        "pass `--force` to replace it; registries that trust the old key will then refuse what the new key signs");
  }
}
