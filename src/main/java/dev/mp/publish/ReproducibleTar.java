package dev.mp.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A POSIX tar (ustar, with pax extended headers for long or non-ASCII names) in which every field
 * but the path, kind, mode and size is fixed: owner and group 0 with empty names, the modification
 * time {@link #MTIME}, modes {@code 644}/{@code 755} (links {@code 777}, as tar writes them), no
 * device numbers. The same entries give the same bytes on any machine.
 *
 * <p>Written by hand: Commons Compress names the owner of its own long-name and pax header entries
 * after the JVM's {@code user.name}, which would make archives differ between machines. Not
 * thread-safe.
 */
final class ReproducibleTar implements ArchiveSink {
  /** 1985-10-26T08:15:00Z, the time npm gives every entry: after the zip epoch and time zones. */
  static final long MTIME = 499_162_500L;

  private static final int BLOCK = 512;
  private static final long MAX_SIZE = 077777777777L;

  private final OutputStream out;
  private long remaining;
  private long written;

  ReproducibleTar(OutputStream out) {
    this.out = out;
  }

  @Override
  public void directory(String path) throws IOException {
    header(path + "/", '5', 0755, 0, "");
  }

  @Override
  public void beginFile(String path, boolean executable, long size) throws IOException {
    if (size > MAX_SIZE) {
      throw new IOException("`" + path + "` is larger than 8 GiB");
    }
    header(path, '0', executable ? 0755 : 0644, size, "");
    remaining = size;
    written = 0;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (length > remaining) {
      throw new IOException("a file grew while it was being packed");
    }
    out.write(bytes, offset, length);
    remaining -= length;
    written += length;
  }

  @Override
  public void endFile() throws IOException {
    if (remaining != 0) {
      throw new IOException("a file shrank while it was being packed");
    }
    pad(written);
  }

  @Override
  public void link(String path, String target) throws IOException {
    header(path, '2', 0777, 0, target);
  }

  /** Two zero blocks mark the end of the archive. */
  @Override
  public void finish() throws IOException {
    out.write(new byte[2 * BLOCK]);
    out.flush();
  }

  private void header(String path, char type, int mode, long size, String linkTarget) throws IOException {
    byte[] name = path.getBytes(StandardCharsets.UTF_8);
    byte[] link = linkTarget.getBytes(StandardCharsets.UTF_8);
    int split = split(name);
    boolean longName = split == -2;
    boolean longLink = link.length > 100 || !isAscii(link);
    if (longName || longLink) {
      StringBuilder records = new StringBuilder();
      if (longName) {
        records.append(paxRecord("path", path));
      }
      if (longLink) {
        records.append(paxRecord("linkpath", linkTarget));
      }
      byte[] body = records.toString().getBytes(StandardCharsets.UTF_8);
      block(asciiFallback("PaxHeaders/" + lastPart(path)), new byte[0], 'x', 0644, body.length, new byte[0]);
      out.write(body);
      pad(body.length);
    }
    byte[] prefix = new byte[0];
    byte[] shortName;
    if (longName) {
      shortName = asciiFallback(path);
    } else if (split >= 0) {
      prefix = Arrays.copyOfRange(name, 0, split);
      shortName = Arrays.copyOfRange(name, split + 1, name.length);
    } else {
      shortName = name;
    }
    block(shortName, prefix, type, mode, size, longLink ? asciiFallback(linkTarget) : link);
  }

  /**
   * Where to split a name between ustar's {@code prefix} (155 bytes) and {@code name} (100 bytes):
   * -1 when it fits in {@code name}, the index of the separating {@code /}, or -2 when it needs a
   * pax header (too long, or not ASCII: ustar fields have no declared encoding, pax paths are UTF-8).
   */
  private static int split(byte[] name) {
    if (!isAscii(name)) {
      return -2;
    }
    if (name.length <= 100) {
      return -1;
    }
    for (int i = Math.min(name.length - 2, 155); i > 0; i--) {
      if (name[i] == '/' && name.length - i - 1 <= 100) {
        return i;
      }
    }
    return -2;
  }

  private void block(byte[] name, byte[] prefix, char type, int mode, long size, byte[] link) throws IOException {
    byte[] header = new byte[BLOCK];
    put(header, 0, 100, name);
    octal(header, 100, 8, mode);
    octal(header, 108, 8, 0);
    octal(header, 116, 8, 0);
    octal(header, 124, 12, size);
    octal(header, 136, 12, MTIME);
    Arrays.fill(header, 148, 156, (byte) ' ');
    header[156] = (byte) type;
    put(header, 157, 100, link);
    put(header, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(header, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    octal(header, 329, 8, 0);
    octal(header, 337, 8, 0);
    put(header, 345, 155, prefix);
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    byte[] checksum = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(checksum, 0, header, 148, 6);
    header[154] = 0;
    header[155] = ' ';
    out.write(header);
  }

  private void pad(long length) throws IOException {
    int rest = (int) (length % BLOCK);
    if (rest != 0) {
      out.write(new byte[BLOCK - rest]);
    }
  }

  /** {@code "<length> key=value\n"}, where the length counts the whole record, its own digits included. */
  static String paxRecord(String key, String value) {
    int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
    int length = body + String.valueOf(body).length();
    if (String.valueOf(length).length() != String.valueOf(body).length()) {
      length++;
    }
    return length + " " + key + "=" + value + "\n";
  }

  private static void put(byte[] header, int offset, int width, byte[] value) {
    System.arraycopy(value, 0, header, offset, Math.min(width, value.length));
  }

  /** A zero-padded octal number filling all but the last byte, which stays NUL. */
  private static void octal(byte[] header, int offset, int width, long value) {
    String digits = Long.toOctalString(value);
    String padded = "0".repeat(width - 1 - digits.length()) + digits;
    put(header, offset, width - 1, padded.getBytes(StandardCharsets.US_ASCII));
  }

  /** The ustar field for a name carried by a pax header: ASCII only, cut to 100 bytes. */
  private static byte[] asciiFallback(String text) {
    StringBuilder ascii = new StringBuilder();
    for (int i = 0; i < text.length() && ascii.length() < 100; i++) {
      char c = text.charAt(i);
      ascii.append(c >= 0x20 && c < 0x7f ? c : '_');
    }
    return ascii.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static String lastPart(String path) {
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0x20) {
        return false;
      }
    }
    return true;
  }
}
