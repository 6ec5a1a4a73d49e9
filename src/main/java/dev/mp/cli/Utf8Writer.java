package dev.mp.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Standard output and error as UTF-8, for {@link Main}: what {@code OutputStreamWriter} does, but a
 * string is handed to the stream as {@code String.getBytes(UTF_8)} gives it. For the ASCII text mp
 * prints that is a copy of the string's bytes, where the JDK's writer widens every character to a
 * {@code char} and encodes it again (a tenth of printing a 19 MB {@code --json} result). A high
 * surrogate ending one write is kept for the next, so a character is never split. Not thread-safe:
 * used behind a {@code PrintWriter}, which locks.
 */
final class Utf8Writer extends Writer {
  private final OutputStream out;
  private char pendingHigh;

  Utf8Writer(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    if (length <= 0) {
      return;
    }
    String whole = offset == 0 && length == text.length() ? text : text.substring(offset, offset + length);
    if (pendingHigh != 0) {
      whole = pendingHigh + whole;
      pendingHigh = 0;
    }
    char last = whole.charAt(whole.length() - 1);
    if (Character.isHighSurrogate(last)) {
      pendingHigh = last;
      whole = whole.substring(0, whole.length() - 1);
    }
    out.write(whole.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void write(char[] chars, int offset, int length) throws IOException {
    write(new String(chars, offset, length), 0, length);
  }

  @Override
  public void write(int c) throws IOException {
    write(String.valueOf((char) c), 0, 1);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (pendingHigh != 0) {
      out.write('?');
      pendingHigh = 0;
    }
    out.close();
  }
}
