package dev.mp.integrity;

import dev.mp.MpException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The canonical tree hash of DESIGN.md §2: walk the plugin folder (skipping {@code .git/}), take
 * regular files and symbolic links, sort by relative path as UTF-8 bytes, write one line each —
 * {@code file 644|755 <sha256 of content> <path>} or {@code link 000 <sha256 of target> <path>} —
 * and take SHA-512 of the lines. Anyone can recompute it with the shell script in DESIGN.md.
 *
 * <p>Other file types (fifos, devices) are not part of a plugin and are left out, as {@code find
 * -type f -o -type l} leaves them out. Thread-safe; stateless.
 */
public final class TreeHash {
  /** UTF-8 byte order of relative paths ({@code String.compareTo} orders non-BMP characters differently). */
  public static final Comparator<String> BY_UTF8_BYTES = (a, b) -> {
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(x.length, y.length);
    for (int i = 0; i < n; i++) {
      int c = Byte.toUnsignedInt(x[i]) - Byte.toUnsignedInt(y[i]);
      if (c != 0) {
        return c;
      }
    }
    return x.length - y.length;
  };


  private TreeHash() {}

  /**
   * One line of the canonical listing.
   *
   * @param path relative, {@code /}-separated
   * @param kind {@code file} or {@code link}
   * @param mode {@code 644}, {@code 755} or {@code 000}
   * @param sha256 hex SHA-256 of the content (file) or of the target string (link)
   */
  public record Entry(String path, String kind, String mode, String sha256) {
    public String line() {
      return kind + " " + mode + " " + sha256 + " " + path + "\n";
    }
  }

  /**
   * A file found by the walk, before its content is hashed.
   *
   * @param ctimeNanos the status change time (ctime) in nanoseconds, from the same {@code lstat}, or
   *     -1 where the file system does not give it
   */
  public record FileRef(String path, Path file, BasicFileAttributes attributes, boolean executable, long ctimeNanos) {}

  /** Supplies the SHA-256 of a file's content; lets a caller answer from a cache (lock check). */
  @FunctionalInterface
  public interface ContentHasher {
    String sha256(FileRef file) throws IOException;
  }

  /** Reads every byte: no cache. */
  public static final ContentHasher READ_CONTENT = file -> FileDigests.sha256Hex(file.file());

  /**
   * The integrity of the tree at {@code root}.
   *
   * @throws MpException {@code IO_ERROR} when the tree cannot be read
   */
  public static String of(Path root) {
    return of(entries(root, READ_CONTENT));
  }

  /** The integrity of an already computed listing. */
  public static String of(List<Entry> entries) {
    MessageDigest sha512 = Integrity.newDigest("SHA-512");
    for (Entry entry : entries) {
      sha512.update(entry.line().getBytes(StandardCharsets.UTF_8));
    }
    return Integrity.sha512(sha512.digest());
  }

  /** The canonical listing of {@code root}, sorted, hashing content with {@code hasher}. */
  public static List<Entry> entries(Path root, ContentHasher hasher) {
    List<FileRef> files = walk(root);
    List<Entry> entries = new ArrayList<>(files.size());
    try {
      for (FileRef ref : files) {
        entries.add(entry(ref, hasher));
      }
    } catch (IOException e) {
      throw MpException.io("failed to hash `" + root + "`", e);
    }
    return entries;
  }

  /** The canonical line for one walked file. */
  public static Entry entry(FileRef ref, ContentHasher hasher) throws IOException {
    if (ref.attributes().isSymbolicLink()) {
      String target = Files.readSymbolicLink(ref.file()).toString();
      return new Entry(ref.path(), "link", "000", sha256Hex(target.getBytes(StandardCharsets.UTF_8)));
    }
    return new Entry(ref.path(), "file", ref.executable() ? "755" : "644", hasher.sha256(ref));
  }

  /**
   * The regular files and links under {@code root}, sorted by relative path as UTF-8 bytes, skipping
   * {@code .git} folders. Links are not followed.
   *
   * <p>Where the file system has the {@code unix} attribute view, each entry costs one {@code lstat}
   * (type, size, times, inode and mode together; the stat cache of {@code lock check} needs them all)
   * instead of three; elsewhere the JDK's tree walker reads the attributes.
   */
  public static List<FileRef> walk(Path root) {
    List<FileRef> files = new ArrayList<>();
    try {
      if (UNIX_VIEW && root.getFileSystem() == FileSystems.getDefault()
          && Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
        walkUnix(root, "", files);
      } else {
        walkTree(root, files);
      }
    } catch (IOException e) {
      throw MpException.io("failed to read `" + root + "`", e);
    }
    files.sort(Comparator.comparing(FileRef::path, BY_UTF8_BYTES));
    return files;
  }

  private static final boolean UNIX_VIEW = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
  private static final String UNIX_ATTRIBUTES = "unix:mode,ctime,size,lastModifiedTime,lastAccessTime,creationTime,fileKey";
  private static final int S_IFMT = 0170000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFLNK = 0120000;

  private static void walkUnix(Path dir, String prefix, List<FileRef> files) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        Map<String, Object> unix = Files.readAttributes(entry, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) unix.get("mode");
        int type = mode & S_IFMT;
        String name = entry.getFileName().toString();
        if (type == S_IFDIR) {
          if (!name.equals(".git")) {
            walkUnix(entry, prefix + name + "/", files);
          }
        } else if (type == S_IFREG || type == S_IFLNK) {
          files.add(new FileRef(prefix + name, entry, new UnixAttributes(unix, type), type == S_IFREG && (mode & 0111) != 0,
              ((FileTime) unix.get("ctime")).to(TimeUnit.NANOSECONDS)));
        }
      }
    }
  }

  /** The attributes of one {@code lstat}, as the {@code unix} view gave them. */
  private static final class UnixAttributes implements BasicFileAttributes {
    private final Map<String, Object> unix;
    private final int type;

    UnixAttributes(Map<String, Object> unix, int type) {
      this.unix = unix;
      this.type = type;
    }

    @Override
    public FileTime lastModifiedTime() {
      return (FileTime) unix.get("lastModifiedTime");
    }

    @Override
    public FileTime lastAccessTime() {
      return (FileTime) unix.get("lastAccessTime");
    }

    @Override
    public FileTime creationTime() {
      return (FileTime) unix.get("creationTime");
    }

    @Override
    public boolean isRegularFile() {
      return type == S_IFREG;
    }

    @Override
    public boolean isDirectory() {
      return type == S_IFDIR;
    }

    @Override
    public boolean isSymbolicLink() {
      return type == S_IFLNK;
    }

    @Override
    public boolean isOther() {
      return type != S_IFREG && type != S_IFDIR && type != S_IFLNK;
    }

    @Override
    public long size() {
      return (Long) unix.get("size");
    }

    @Override
    public Object fileKey() {
      return unix.get("fileKey");
    }
  }

  /** {@link #walk} through the JDK's tree walker, as on file systems without the {@code unix} view. */
  static List<FileRef> walkWithTreeWalker(Path root) throws IOException {
    List<FileRef> files = new ArrayList<>();
    walkTree(root, files);
    files.sort(Comparator.comparing(FileRef::path, BY_UTF8_BYTES));
    return files;
  }

  private static void walkTree(Path root, List<FileRef> files) throws IOException {
    Files.walkFileTree(root, Set.of(), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return !dir.equals(root) && dir.getFileName().toString().equals(".git")
            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
          String relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
          files.add(new FileRef(relative, file, attrs, attrs.isRegularFile() && isExecutable(file, attrs), -1));
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static boolean isExecutable(Path file, BasicFileAttributes attributes) throws IOException {
    Set<PosixFilePermission> permissions;
    if (attributes instanceof PosixFileAttributes posix) {
      permissions = posix.permissions();
    } else {
      PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      if (view == null) {
        return Files.isExecutable(file);
      }
      permissions = view.readAttributes().permissions();
    }
    return permissions.contains(PosixFilePermission.OWNER_EXECUTE)
        || permissions.contains(PosixFilePermission.GROUP_EXECUTE)
        || permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
  }

  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(Integrity.newDigest("SHA-256").digest(bytes));
  }
}
