package dev.mp.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A gzip stream (RFC 1952) whose header carries nothing about the machine or the moment: no file
 * name, modification time 0, operating system "unknown" (255), as Go's {@code compress/gzip} writes
 * it. {@link java.util.zip.GZIPOutputStream} would do nearly the same but claims FAT (0) as the
 * operating system; writing the ten header bytes here keeps every one of them decided by mp.
 * Compression is the JDK's zlib at level 9. Not thread-safe.
 */
final class ReproducibleGzip extends OutputStream {
  /** ID1 ID2, CM = deflate, FLG = none, MTIME = 0, XFL = 2 (maximum compression), OS = 255. */
  static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, (byte) 0xff};

  private final OutputStream out;
  private final Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
  private final DeflaterOutputStream deflating;
  private final CRC32 crc = new CRC32();
  private long size;
  private boolean finished;

  ReproducibleGzip(OutputStream out) throws IOException {
    this.out = out;
    out.write(HEADER);
    this.deflating = new DeflaterOutputStream(out, deflater, 1 << 16);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    crc.update(bytes, offset, length);
    size += length;
    deflating.write(bytes, offset, length);
  }

  /** Ends the deflate stream and writes the trailer (CRC-32 and size modulo 2^32, little-endian). */
  void finish() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    deflating.finish();
    deflater.end();
    writeIntLe(crc.getValue());
    writeIntLe(size);
    out.flush();
  }

  private void writeIntLe(long value) throws IOException {
    out.write((int) (value & 0xff));
    out.write((int) ((value >>> 8) & 0xff));
    out.write((int) ((value >>> 16) & 0xff));
    out.write((int) ((value >>> 24) & 0xff));
  }

  @Override
  public void close() throws IOException {
    try {
      finish();
    } finally {
      out.close();
    }
  }
}
