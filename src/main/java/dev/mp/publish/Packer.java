package dev.mp.publish;

import dev.mp.MpException;
import dev.mp.integrity.Integrity;
import dev.mp.integrity.TreeHash;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Packs a {@link PluginFolder} into a reproducible {@code .tgz} (and, when asked, a {@code .zip} for
 * Claude Code's {@code archive} source), reading every file once: the bytes that go into the archives
 * are the bytes hashed for the tree hash. Entries come in the tree hash's order (paths sorted as UTF-8
 * bytes), all inside one top-level folder named after the plugin, each folder just before its first
 * entry. The tree hash itself is {@link TreeHash}'s, so the integrity of a packed folder is the
 * integrity of the extracted archive by construction. Stateless and thread-safe.
 */
public final class Packer {
  private Packer() {}

  /**
   * What packing produced.
   *
   * @param integrity the canonical tree hash (DESIGN.md §2)
   * @param archiveIntegrity SRI {@code sha512-} of the {@code .tgz} bytes (as they would be, when none was written)
   * @param archiveBytes the {@code .tgz}'s size, or 0 when none was written
   * @param zipSha256 hex SHA-256 of the {@code .zip} (Claude Code's {@code sha256}), or null when none was asked for
   * @param files how many files and links were packed
   */
  public record Packed(String integrity, String archiveIntegrity, long archiveBytes, String zipSha256, int files) {}

  /**
   * Writes the folder as {@code tgz} and {@code zip}, each unless null; neither may exist yet.
   *
   * @throws MpException {@code IO_ERROR} when a file cannot be read (or changed while it was read) or
   *     an archive cannot be written
   */
  public static Packed pack(PluginFolder folder, Path tgz, Path zip) {
    MessageDigest archiveDigest = digest("SHA-512");
    List<TreeHash.Entry> entries = new ArrayList<>(folder.files().size());
    try (OutputStream file = tgz == null ? OutputStream.nullOutputStream()
            : Files.newOutputStream(tgz, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        DigestOutputStream digesting = new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), archiveDigest);
        ReproducibleGzip gzip = new ReproducibleGzip(digesting);
        FileChannel zipChannel = zip == null ? null
            : FileChannel.open(zip, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      List<ArchiveSink> sinks = new ArrayList<>(2);
      sinks.add(new ReproducibleTar(gzip));
      if (zipChannel != null) {
        sinks.add(new ReproducibleZip(zipChannel));
      }
      write(folder, sinks, entries);
      for (ArchiveSink sink : sinks) {
        sink.finish();
      }
      gzip.finish();
    } catch (IOException e) {
      throw MpException.io("failed to pack `" + folder.label() + "`", e);
    }
    String zipSha256 = null;
    if (zip != null) {
      try {
        zipSha256 = dev.mp.integrity.FileDigests.sha256Hex(zip);
      } catch (IOException e) {
        throw MpException.io("failed to read `" + zip + "`", e);
      }
    }
    long size;
    try {
      size = tgz == null ? 0 : Files.size(tgz);
    } catch (IOException e) {
      throw MpException.io("failed to read `" + tgz + "`", e);
    }
    return new Packed(TreeHash.of(entries), Integrity.sha512(archiveDigest.digest()), size, zipSha256, entries.size());
  }

  private static void write(PluginFolder folder, List<ArchiveSink> sinks, List<TreeHash.Entry> entries)
      throws IOException {
    String top = folder.name();
    for (ArchiveSink sink : sinks) {
      sink.directory(top);
    }
    Set<String> folders = new HashSet<>();
    byte[] buffer = new byte[1 << 16];
    MessageDigest sha256 = digest("SHA-256");
    for (TreeHash.FileRef ref : folder.files()) {
      String path = top + "/" + ref.path();
      for (int slash = ref.path().indexOf('/'); slash > 0; slash = ref.path().indexOf('/', slash + 1)) {
        String parent = ref.path().substring(0, slash);
        if (folders.add(parent)) {
          for (ArchiveSink sink : sinks) {
            sink.directory(top + "/" + parent);
          }
        }
      }
      entries.add(TreeHash.entry(ref, file -> copy(file, path, sinks, buffer, sha256)));
      if (ref.attributes().isSymbolicLink()) {
        String target = Files.readSymbolicLink(ref.file()).toString();
        for (ArchiveSink sink : sinks) {
          sink.link(path, target);
        }
      }
    }
  }

  /** Streams one file into every sink, returning the SHA-256 of the bytes written. */
  private static String copy(TreeHash.FileRef ref, String path, List<ArchiveSink> sinks, byte[] buffer,
      MessageDigest sha256) throws IOException {
    for (ArchiveSink sink : sinks) {
      sink.beginFile(path, ref.executable(), ref.attributes().size());
    }
    sha256.reset();
    try (InputStream in = Files.newInputStream(ref.file(), LinkOption.NOFOLLOW_LINKS)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha256.update(buffer, 0, n);
        for (ArchiveSink sink : sinks) {
          sink.write(buffer, 0, n);
        }
      }
    }
    for (ArchiveSink sink : sinks) {
      sink.endFile();
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }
}
