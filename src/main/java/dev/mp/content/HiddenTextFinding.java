package dev.mp.content;

import java.util.Comparator;
import java.util.Objects;

/**
 * One piece of hidden text.
 *
 * @param path the file, relative to the plugin folder and {@code /}-separated; for a finding in a name
 *     that is not a file's, the file that declares it or {@code ""} for the plugin as a whole
 * @param line the line, from 1; 0 when the finding is about a name rather than a position in text
 * @param column the column of its first character in UTF-16 code units (SARIF's default), from 1; 0
 *     with {@code line} 0
 * @param kind what it is
 * @param detail what it is, for people: the characters by code point and name, and for tag characters
 *     the text they spell
 */
public record HiddenTextFinding(String path, int line, int column, HiddenTextKind kind, String detail) {
  /** By path (as UTF-8 bytes compare for ASCII paths), then position, then kind. */
  public static final Comparator<HiddenTextFinding> ORDER = Comparator.comparing(HiddenTextFinding::path)
      .thenComparingInt(HiddenTextFinding::line).thenComparingInt(HiddenTextFinding::column)
      .thenComparing(HiddenTextFinding::kind);

  public HiddenTextFinding {
    Objects.requireNonNull(path);
    Objects.requireNonNull(kind);
    Objects.requireNonNull(detail);
  }

  /** {@code skills/x/SKILL.md:4:12: Unicode tag characters: ...}. */
  public String describe() {
    String where = path.isEmpty() ? "" : line > 0 ? path + ":" + line + ":" + column + ": " : path + ": ";
    return where + kind.title() + ": " + detail;
  }

  /** This finding with {@code prefix} before its path (the plugin's folder). */
  public HiddenTextFinding under(String prefix) {
    return new HiddenTextFinding(path.isEmpty() ? prefix : prefix + "/" + path, line, column, kind, detail);
  }
}
