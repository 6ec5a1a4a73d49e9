package dev.mp.registry.cache;

import dev.mp.registry.DependencySpec;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.Release;
import dev.mp.registry.ReleaseDetails;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The binary form of a {@link PluginEntry} inside a lookup file: variable-length integers and UTF-8
 * strings, in a fixed field order, so decoding is a handful of absolute {@code ByteBuffer} reads.
 *
 * <pre>
 * entry   := name:str description:nstr trust:varint(0 = none, else score + 1) count:varint release*
 * release := version:str integrity:nstr archiveIntegrity:nstr
 *            flags:u8(bit 0 = signed claim, bit 1 = yanked, bit 2 = details follow)
 *            signature:nstr source dependencyCount:varint (name:str range:str registry:nstr)*
 *            [yankedReason:nstr entryFields:nstr]   (only when flag bit 2 is set)
 * source  := 1 path:str (folder) | 2 location:str (archive)
 *          | 3 url:str ref:nstr sha:nstr subdir:nstr pathDigest:nstr (git) | 4 kind:str description:str reason:str
 *          | 5 name:str spec:str registry:nstr version:nstr tarball:nstr (npm)
 * str     := length:varint utf8      nstr := 0 (null) | (length + 1):varint utf8
 * </pre>
 *
 * In a lookup file each record is preceded by its length (a varint). Changing this layout means
 * bumping {@link LookupIndex#FORMAT_VERSION}. Stateless and thread-safe.
 */
final class RecordCodec {
  private static final int FOLDER = 1;
  private static final int ARCHIVE = 2;
  private static final int GIT = 3;
  private static final int UNSUPPORTED = 4;
  private static final int NPM = 5;

  private static final int SIGNED = 1;
  private static final int YANKED = 2;
  private static final int DETAILS = 4;

  private RecordCodec() {}

  /** A growable byte buffer for encoding; reused across records by one writer. */
  static final class Sink {
    private byte[] bytes = new byte[512];
    private int size;

    void reset() {
      size = 0;
    }

    int size() {
      return size;
    }

    byte[] array() {
      return bytes;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    void u8(int value) {
      ensure(1);
      bytes[size++] = (byte) value;
    }

    void varint(long value) {
      ensure(10);
      long v = value;
      while ((v & ~0x7FL) != 0) {
        bytes[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      bytes[size++] = (byte) v;
    }

    void str(String value) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      varint(utf8.length);
      ensure(utf8.length);
      System.arraycopy(utf8, 0, bytes, size, utf8.length);
      size += utf8.length;
    }

    void nstr(String value) {
      if (value == null) {
        varint(0);
        return;
      }
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      varint(utf8.length + 1L);
      ensure(utf8.length);
      System.arraycopy(utf8, 0, bytes, size, utf8.length);
      size += utf8.length;
    }
  }

  static void encode(PluginEntry entry, Sink out) {
    out.str(entry.name());
    out.nstr(entry.description());
    out.varint(entry.trustScore() == null ? 0 : entry.trustScore() + 1L);
    out.varint(entry.releases().size());
    for (Release release : entry.releases()) {
      out.str(release.version());
      out.nstr(release.integrity());
      out.nstr(release.archiveIntegrity());
      ReleaseDetails details = release.details();
      boolean hasDetails = details.yankedReason() != null || details.entryFields() != null;
      out.u8((release.signedClaim() ? SIGNED : 0) | (details.yanked() ? YANKED : 0) | (hasDetails ? DETAILS : 0));
      out.nstr(release.signature());
      encode(release.source(), out);
      out.varint(release.dependencies().size());
      for (DependencySpec dependency : release.dependencies()) {
        out.str(dependency.name());
        out.str(dependency.range());
        out.nstr(dependency.registry());
      }
      if (hasDetails) {
        out.nstr(details.yankedReason());
        out.nstr(details.entryFields());
      }
    }
  }

  private static void encode(PackageSource source, Sink out) {
    if (source instanceof PackageSource.Folder folder) {
      out.u8(FOLDER);
      out.str(folder.path().toString());
    } else if (source instanceof PackageSource.Archive archive) {
      out.u8(ARCHIVE);
      out.str(archive.location());
    } else if (source instanceof PackageSource.Git git) {
      out.u8(GIT);
      out.str(git.url());
      out.nstr(git.ref());
      out.nstr(git.sha());
      out.nstr(git.subdir());
      out.nstr(git.pathDigest());
    } else if (source instanceof PackageSource.Npm npm) {
      out.u8(NPM);
      out.str(npm.name());
      out.str(npm.spec());
      out.nstr(npm.registry());
      out.nstr(npm.version());
      out.nstr(npm.tarball());
    } else if (source instanceof PackageSource.Unsupported unsupported) {
      out.u8(UNSUPPORTED);
      out.str(unsupported.kind());
      out.str(unsupported.description());
      out.str(unsupported.reason());
    } else {
      throw new AssertionError("unknown package source " + source);
    }
  }

  /**
   * Reads a record copied out of the lookup file. Decoding works on a heap array, not on the mapped
   * buffer: one bulk copy per record, then plain array reads, which is several times faster than a
   * bounds-checked buffer access per byte; each string is made straight from the array.
   */
  static final class Cursor {
    private final byte[] bytes;
    private int position;

    Cursor(byte[] bytes, int position) {
      this.bytes = bytes;
      this.position = position;
    }

    int position() {
      return position;
    }

    int u8() {
      return bytes[position++] & 0xFF;
    }

    long varint() {
      long result = 0;
      int shift = 0;
      while (true) {
        int b = u8();
        result |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return result;
        }
        shift += 7;
        if (shift > 63) {
          throw new IllegalStateException("corrupt varint at " + position);
        }
      }
    }

    String str() {
      return utf8((int) varint());
    }

    String nstr() {
      long length = varint();
      return length == 0 ? null : utf8((int) (length - 1));
    }

    private String utf8(int length) {
      String text = new String(bytes, position, length, StandardCharsets.UTF_8);
      position += length;
      return text;
    }
  }

  /**
   * The record whose length prefix starts at {@code offset} of a lookup file's records, copied out
   * (without the prefix).
   */
  static byte[] record(ByteBuffer records, int offset) {
    int[] at = {offset};
    byte[] record = new byte[varint(records, at)];
    records.get(at[0], record);
    return record;
  }

  /** The name of the record whose length prefix starts at {@code offset}, reading nothing else. */
  static String name(ByteBuffer records, int offset) {
    int[] at = {offset};
    varint(records, at);
    byte[] name = new byte[varint(records, at)];
    records.get(at[0], name);
    return new String(name, StandardCharsets.UTF_8);
  }

  /** A varint of at most 32 bits at {@code at[0]}, which is moved past it. */
  private static int varint(ByteBuffer buffer, int[] at) {
    int result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = Byte.toUnsignedInt(buffer.get(at[0]++));
      result |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalStateException("corrupt length at " + at[0]);
  }

  /** The name of a record, without decoding the rest. */
  static String name(byte[] record) {
    return new Cursor(record, 0).str();
  }

  static PluginEntry decode(byte[] record) {
    Cursor in = new Cursor(record, 0);
    String name = in.str();
    String description = in.nstr();
    long trust = in.varint();
    int count = (int) in.varint();
    List<Release> releases = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String version = in.str();
      String integrity = in.nstr();
      String archiveIntegrity = in.nstr();
      int flags = in.u8();
      boolean signed = (flags & SIGNED) != 0;
      String signature = in.nstr();
      PackageSource source = source(in);
      int dependencyCount = (int) in.varint();
      List<DependencySpec> dependencies = new ArrayList<>(dependencyCount);
      for (int d = 0; d < dependencyCount; d++) {
        dependencies.add(new DependencySpec(in.str(), in.str(), in.nstr()));
      }
      ReleaseDetails details = ReleaseDetails.NONE;
      if ((flags & DETAILS) != 0) {
        details = new ReleaseDetails((flags & YANKED) != 0, in.nstr(), in.nstr());
      } else if ((flags & YANKED) != 0) {
        details = details.withYanked(true, null);
      }
      releases.add(new Release(version, integrity, archiveIntegrity, source, dependencies, signed, signature, details));
    }
    return new PluginEntry(name, description, trust == 0 ? null : (int) (trust - 1), releases);
  }

  private static PackageSource source(Cursor in) {
    int tag = in.u8();
    switch (tag) {
      case FOLDER:
        return new PackageSource.Folder(Path.of(in.str()));
      case ARCHIVE:
        return new PackageSource.Archive(in.str());
      case GIT:
        return new PackageSource.Git(in.str(), in.nstr(), in.nstr(), in.nstr(), in.nstr());
      case NPM:
        return new PackageSource.Npm(in.str(), in.str(), in.nstr(), in.nstr(), in.nstr());
      case UNSUPPORTED:
        return new PackageSource.Unsupported(in.str(), in.str(), in.str());
      default:
        throw new IllegalStateException("corrupt package source tag " + tag);
    }
  }
}
