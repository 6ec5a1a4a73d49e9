package dev.mp.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A zip archive (the form Claude Code's {@code archive} source takes) in which every field but the
 * path, kind, mode and content is fixed: DOS time 1985-10-26 08:15:00, Unix modes {@code 644}/{@code
 * 755} (links {@code 777}, their target as content, as Info-ZIP stores them) in the external
 * attributes, names flagged UTF-8, no extra fields, no comment. Entries are deflated at level 9 (links
 * and empty files stored). Sizes and CRCs are written into each local header once known, so there are
 * no data descriptors; archives above 4 GiB are refused (no Zip64).
 *
 * <p>Written by hand rather than with Commons Compress, whose DOS times follow the JVM's time zone
 * and whose entries may gain extended-timestamp extra fields. Not thread-safe.
 */
final class ReproducibleZip implements ArchiveSink {
  /** DOS time 08:15:00 and date 1985-10-26, the moment {@link ReproducibleTar#MTIME} names. */
  private static final int DOS_TIME = (8 << 11) | (15 << 5);
  private static final int DOS_DATE = ((1985 - 1980) << 9) | (10 << 5) | 26;
  private static final int UTF8_NAMES = 1 << 11;
  private static final long MAX = 0xffffffffL;

  private final FileChannel channel;
  private final ByteArrayOutputStream central = new ByteArrayOutputStream();
  private final CRC32 crc = new CRC32();
  private final Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
  private final byte[] buffer = new byte[1 << 16];
  private int entries;
  private Current current;

  private record Current(byte[] name, int mode, long headerOffset, boolean deflate, long size) {}

  ReproducibleZip(FileChannel channel) {
    this.channel = channel;
  }

  @Override
  public void directory(String path) throws IOException {
    begin(path + "/", 040755, false, 0);
    end();
  }

  @Override
  public void beginFile(String path, boolean executable, long size) throws IOException {
    if (size > MAX) {
      throw new IOException("`" + path + "` is larger than 4 GiB, which zip archives without Zip64 cannot hold");
    }
    begin(path, executable ? 0100755 : 0100644, size > 0, size);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    crc.update(bytes, offset, length);
    if (current.deflate) {
      deflater.setInput(bytes, offset, length);
      while (!deflater.needsInput()) {
        drain(Deflater.NO_FLUSH);
      }
    } else {
      writeFully(ByteBuffer.wrap(bytes, offset, length));
    }
  }

  @Override
  public void endFile() throws IOException {
    end();
  }

  @Override
  public void link(String path, String target) throws IOException {
    byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
    begin(path, 0120777, false, bytes.length);
    write(bytes, 0, bytes.length);
    end();
  }

  @Override
  public void finish() throws IOException {
    long centralOffset = channel.position();
    byte[] directory = central.toByteArray();
    writeFully(ByteBuffer.wrap(directory));
    if (centralOffset > MAX || entries > 0xffff) {
      throw new IOException("the archive is too large for a zip file without Zip64");
    }
    ByteBuffer end = little(22);
    end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries)
        .putShort((short) entries).putInt(directory.length).putInt((int) centralOffset).putShort((short) 0);
    writeFully(end.flip());
    deflater.end();
  }

  private void begin(String path, int mode, boolean deflate, long size) throws IOException {
    byte[] name = path.getBytes(StandardCharsets.UTF_8);
    current = new Current(name, mode, channel.position(), deflate, size);
    crc.reset();
    deflater.reset();
    ByteBuffer header = little(30 + name.length);
    header.putInt(0x04034b50).putShort((short) 20).putShort((short) UTF8_NAMES).putShort((short) (deflate ? 8 : 0))
        .putShort((short) DOS_TIME).putShort((short) DOS_DATE).putInt(0).putInt(0).putInt(0)
        .putShort((short) name.length).putShort((short) 0).put(name);
    writeFully(header.flip());
  }

  private void end() throws IOException {
    if (current.deflate) {
      deflater.finish();
      while (!deflater.finished()) {
        drain(Deflater.NO_FLUSH);
      }
    }
    long dataStart = current.headerOffset + 30 + current.name.length;
    long compressed = channel.position() - dataStart;
    long size = current.deflate ? deflater.getBytesRead() : compressed;
    if (size != current.size) {
      throw new IOException("a file changed size while it was being packed");
    }
    if (compressed > MAX || current.headerOffset > MAX) {
      throw new IOException("the archive is too large for a zip file without Zip64");
    }
    ByteBuffer sizes = little(12).putInt((int) crc.getValue()).putInt((int) compressed).putInt((int) size);
    channel.write(sizes.flip(), current.headerOffset + 14);
    ByteBuffer record = little(46 + current.name.length);
    record.putInt(0x02014b50).putShort((short) ((3 << 8) | 20)).putShort((short) 20).putShort((short) UTF8_NAMES)
        .putShort((short) (current.deflate ? 8 : 0)).putShort((short) DOS_TIME).putShort((short) DOS_DATE)
        .putInt((int) crc.getValue()).putInt((int) compressed).putInt((int) size)
        .putShort((short) current.name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
        .putShort((short) 0).putInt(externalAttributes(current.mode)).putInt((int) current.headerOffset).put(current.name);
    central.write(record.array());
    entries++;
    current = null;
  }

  /** The Unix mode in the high half, and the MS-DOS directory bit for folders, as Info-ZIP writes them. */
  private static int externalAttributes(int mode) {
    return (mode << 16) | ((mode & 0170000) == 040000 ? 0x10 : 0);
  }

  private void drain(int flush) throws IOException {
    int n = deflater.deflate(buffer, 0, buffer.length, flush);
    if (n > 0) {
      writeFully(ByteBuffer.wrap(buffer, 0, n));
    }
  }

  private void writeFully(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  private static ByteBuffer little(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
