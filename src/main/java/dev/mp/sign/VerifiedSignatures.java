package dev.mp.sign;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Set;

/**
 * A memo of signatures that verified, so each one costs the JDK's Ed25519 (about a millisecond a
 * verification on JDK 17) once per machine rather than on every run. A record is the SHA-256 of the
 * key, the signature and the signed message together, so it vouches for exactly that triple and
 * nothing else; failures are never recorded. Records are appended to {@code
 * <cache>/signatures-v1/verified} (32 bytes each, one {@code O_APPEND} write, so concurrent processes
 * cannot interleave them); past {@value #MAX_RECORDS} records, or when torn, the file starts over. Losing the file only
 * costs time. It is as trustworthy as the user's cache folder: whoever can write there can also
 * change what mp runs. Thread-safe.
 */
public final class VerifiedSignatures {
  static final int RECORD = 32;
  static final int MAX_RECORDS = 65_536;
  private static final byte[] DOMAIN = "mp-verified-signature-v1\n".getBytes(StandardCharsets.UTF_8);

  private final Path file;
  private Set<ByteBuffer> known;

  private VerifiedSignatures(Path file) {
    this.file = file;
  }

  /** The memo in the cache folder {@code cacheDir} (take it from {@code Context.cacheDir()}). */
  public static VerifiedSignatures inCache(Path cacheDir) {
    return new VerifiedSignatures(cacheDir.resolve("signatures-v1").resolve("verified"));
  }

  /** A memo that lives as long as this object (for tests and one-off checks). */
  public static VerifiedSignatures inMemory() {
    return new VerifiedSignatures(null);
  }

  synchronized boolean contains(byte[] key, byte[] signature, byte[] message) {
    return known().contains(ByteBuffer.wrap(digest(key, signature, message)));
  }

  synchronized void add(byte[] key, byte[] signature, byte[] message) {
    byte[] record = digest(key, signature, message);
    if (!known().add(ByteBuffer.wrap(record)) || file == null) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, record, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // A memo that cannot be written only means verifying again next time.
    }
  }

  private Set<ByteBuffer> known() {
    if (known == null) {
      known = new HashSet<>();
      if (file != null) {
        load();
      }
    }
    return known;
  }

  private void load() {
    try {
      if (!Files.isRegularFile(file)) {
        return;
      }
      long size = Files.size(file);
      if (size > (long) MAX_RECORDS * RECORD || size % RECORD != 0) {
        // Too big, or torn (appends after a partial record would be misaligned): start over.
        Files.deleteIfExists(file);
        return;
      }
      byte[] bytes = Files.readAllBytes(file);
      for (int at = 0; at + RECORD <= bytes.length; at += RECORD) {
        known.add(ByteBuffer.wrap(bytes, at, RECORD).slice());
      }
    } catch (IOException e) {
      // Unreadable: start empty; every signature is simply verified again.
    }
  }

  private static byte[] digest(byte[] key, byte[] signature, byte[] message) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(DOMAIN);
      sha256.update(key);
      sha256.update(signature);
      sha256.update(message);
      return sha256.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
