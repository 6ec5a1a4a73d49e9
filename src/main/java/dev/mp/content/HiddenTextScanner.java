package dev.mp.content;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds hidden text in one file's bytes. Files are read as UTF-8 (an invalid sequence stands for
 * U+FFFD and the scan goes on, as a reader decoding the file would). Reported:
 *
 * <ul>
 *   <li><b>tag characters</b> (U+E0000–U+E007F), with the ASCII text they spell — except the tags of
 *       an emoji subdivision flag (U+1F3F4 followed by tag letters and U+E007F, such as 🏴󠁧󠁢󠁳󠁣󠁴󠁿);
 *   <li><b>bidi controls</b> (U+202A–U+202E, U+2066–U+2069), one finding per line;
 *   <li><b>zero-width runs</b>: two or more invisible characters in a row (zero-width space, joiners,
 *       word joiner, invisible operators, LRM/RLM, soft hyphen, fillers, variation selectors, a BOM
 *       after the start), or three or more single ones on one line. Not counted: a BOM at the start
 *       of the file; one variation selector after a visible character (emoji style, CJK variants);
 *       a zero-width joiner between two emoji (ZWJ sequences such as 👨‍👩‍👧 or ❤️‍🔥); a
 *       zero-width space, non-joiner or joiner, or a directional mark (LRM, RLM, ALM), next to letters
 *       of a non-Latin script (Persian, Arabic, Hebrew, Devanagari, Thai, ... need them); a soft hyphen
 *       between letters.
 * </ul>
 *
 * <p>Files with no byte above 0x7F are clean and cost one pass over their bytes. Stateless and
 * thread-safe.
 */
public final class HiddenTextScanner {
  /** Single invisible characters on one line that count as hidden text together. */
  static final int SCATTERED_PER_LINE = 3;
  private static final int MAX_SPELLED = 80;
  private static final int REPLACEMENT = 0xFFFD;

  private HiddenTextScanner() {}

  /**
   * The first two bytes of the UTF-8 form of every character that can hide text, as a 16-bit index:
   * a file in which no such pair occurs cannot hide anything, and that is found in one pass over its
   * bytes, without decoding (most non-ASCII text — accents, CJK, emoji — never has one).
   */
  private static final boolean[] HIDING_PREFIXES = hidingPrefixes();

  private static boolean[] hidingPrefixes() {
    boolean[] prefixes = new boolean[1 << 16];
    for (int cp = 0x80; cp <= 0xE01EF; cp++) {
      if (cp == 0xD800) {
        cp = 0xE000;
      }
      if (Characters.hides(cp)) {
        byte[] utf8 = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        prefixes[((utf8[0] & 0xFF) << 8) | (utf8[1] & 0xFF)] = true;
      }
    }
    return prefixes;
  }

  /** True when {@code bytes} may hold a character that hides text (false means they certainly do not). */
  static boolean mayHide(byte[] bytes) {
    for (int i = 0; i + 1 < bytes.length; i++) {
      int b = bytes[i] & 0xFF;
      if (b >= 0xC2 && HIDING_PREFIXES[(b << 8) | (bytes[i + 1] & 0xFF)]) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code bytes} hold only ASCII, which cannot hide anything. */
  static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The hidden text in a file's content.
   *
   * @param path the file, as findings name it
   */
  public static List<HiddenTextFinding> scan(String path, byte[] bytes) {
    // Lines are independent (no hidden run spans a line break): only the lines where a hiding
    // character may start are decoded, so a large file costs one pass over its bytes.
    List<HiddenTextFinding> findings = new ArrayList<>();
    int line = 1;
    int lineStart = 0;
    boolean candidate = false;
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xFF;
      if (b == '\n') {
        if (candidate) {
          new Scan(path, decode(bytes, lineStart, i), line, lineStart == 0, findings).run();
          candidate = false;
        }
        line++;
        lineStart = i + 1;
      } else if (b >= 0xC2 && i + 1 < bytes.length && HIDING_PREFIXES[(b << 8) | (bytes[i + 1] & 0xFF)]) {
        candidate = true;
      }
    }
    if (candidate) {
      new Scan(path, decode(bytes, lineStart, bytes.length), line, lineStart == 0, findings).run();
    }
    findings.sort(HiddenTextFinding.ORDER);
    return findings;
  }

  /** The code points of UTF-8 {@code bytes}; each invalid sequence is one U+FFFD. */
  static int[] decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  /** The code points of UTF-8 {@code bytes[from, to)}; each invalid sequence is one U+FFFD. */
  static int[] decode(byte[] bytes, int from, int to) {
    int[] out = new int[to - from];
    int n = 0;
    int i = from;
    while (i < to) {
      int b = bytes[i] & 0xFF;
      int length = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
      if (length == 0 || i + length > to) {
        out[n++] = length == 1 ? b : REPLACEMENT;
        i++;
        continue;
      }
      int cp = length == 1 ? b : length == 2 ? b & 0x1F : length == 3 ? b & 0x0F : b & 0x07;
      boolean valid = true;
      for (int k = 1; k < length; k++) {
        int c = bytes[i + k] & 0xFF;
        if ((c & 0xC0) != 0x80) {
          valid = false;
          break;
        }
        cp = (cp << 6) | (c & 0x3F);
      }
      int min = length == 2 ? 0x80 : length == 3 ? 0x800 : length == 4 ? 0x10000 : 0;
      if (!valid || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        out[n++] = REPLACEMENT;
        i++;
        continue;
      }
      out[n++] = cp;
      i += length;
    }
    return Arrays.copyOf(out, n);
  }

  /** The scan of one line (without its line break). */
  private static final class Scan {
    private final String path;
    private final int[] cps;
    private final int line;
    private final boolean fileStart;
    private final List<HiddenTextFinding> findings;
    private boolean bidiReported;
    private final List<Integer> scattered = new ArrayList<>();

    Scan(String path, int[] cps, int line, boolean fileStart, List<HiddenTextFinding> findings) {
      this.path = path;
      this.cps = cps;
      this.line = line;
      this.fileStart = fileStart;
      this.findings = findings;
    }

    void run() {
      int i = 0;
      while (i < cps.length) {
        int cp = cps[i];
        if (Characters.isTag(cp)) {
          i = tags(i);
        } else if (Characters.isBidiControl(cp)) {
          bidi(i);
          i++;
        } else if (Characters.isInvisible(cp)) {
          i = invisible(i);
        } else {
          i++;
        }
      }
      endLine();
    }

    private int column(int index) {
      int column = 1;
      for (int k = 0; k < index; k++) {
        column += Character.charCount(cps[k]);
      }
      return column;
    }

    private void add(int index, HiddenTextKind kind, String detail) {
      findings.add(new HiddenTextFinding(path, line, column(index), kind, detail));
    }

    private int tags(int start) {
      int end = start;
      while (end < cps.length && Characters.isTag(cps[end])) {
        end++;
      }
      if (!isSubdivisionFlag(start, end)) {
        StringBuilder spelled = new StringBuilder();
        for (int k = start; k < end && spelled.length() <= MAX_SPELLED; k++) {
          int ascii = cps[k] - 0xE0000;
          if (ascii >= 0x20 && ascii < 0x7F) {
            spelled.append((char) ascii);
          }
        }
        String text = spelled.length() > MAX_SPELLED ? spelled.substring(0, MAX_SPELLED) + "…" : spelled.toString();
        int count = end - start;
        add(start, HiddenTextKind.TAG_CHARACTERS, count + " tag character" + (count == 1 ? "" : "s")
            + (text.isEmpty() ? "" : " spelling `" + Characters.escape(text) + "`"));
      }
      return end;
    }

    /** U+1F3F4, then tag letters or digits, then U+E007F CANCEL TAG: a flag such as Scotland's. */
    private boolean isSubdivisionFlag(int start, int end) {
      if (start == 0 || cps[start - 1] != 0x1F3F4 || cps[end - 1] != 0xE007F || end - start < 2 || end - start > 8) {
        return false;
      }
      for (int k = start; k < end - 1; k++) {
        int ascii = cps[k] - 0xE0000;
        if (!((ascii >= 'a' && ascii <= 'z') || (ascii >= '0' && ascii <= '9'))) {
          return false;
        }
      }
      return true;
    }

    private void bidi(int index) {
      if (bidiReported) {
        return;
      }
      bidiReported = true;
      Set<String> controls = new LinkedHashSet<>();
      for (int k = index; k < cps.length; k++) {
        if (Characters.isBidiControl(cps[k])) {
          controls.add(Characters.describe(cps[k]));
        }
      }
      add(index, HiddenTextKind.BIDI_CONTROL, String.join(", ", controls));
    }

    /** A run of invisible characters from {@code start}: the ones a legitimate text needs are left out. */
    private int invisible(int start) {
      int end = start;
      while (end < cps.length && Characters.isInvisible(cps[end])) {
        end++;
      }
      List<Integer> hidden = new ArrayList<>();
      for (int k = start; k < end; k++) {
        if (!isLegitimate(k, start, end)) {
          hidden.add(k);
        }
      }
      if (hidden.size() >= 2) {
        List<Integer> run = new ArrayList<>();
        for (int k = start; k < end; k++) {
          run.add(k);
        }
        add(start, HiddenTextKind.ZERO_WIDTH_RUN, describeRun(run));
      } else if (hidden.size() == 1) {
        scattered.add(hidden.get(0));
      }
      return end;
    }

    private boolean isLegitimate(int k, int start, int end) {
      int cp = cps[k];
      if (cp == 0xFEFF && k == 0 && fileStart) {
        return true;
      }
      int before = start > 0 ? cps[start - 1] : -1;
      int after = end < cps.length ? cps[end] : -1;
      if (Characters.isVariationSelector(cp)) {
        // One selector right after a visible character chooses its presentation.
        return k == start && before >= 0 && !Character.isWhitespace(before);
      }
      if (cp == 0x200D && emojiBefore(k) && after >= 0 && k == end - 1 && Characters.isPictographic(after)) {
        return true;
      }
      boolean single = end - start == 1;
      boolean wordBreakOrMark = cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x200E || cp == 0x200F
          || cp == 0x061C;
      if (single && wordBreakOrMark && before >= 0 && after >= 0
          && (Characters.isNonLatinWordCharacter(before) || Characters.isNonLatinWordCharacter(after))) {
        return true;
      }
      return single && cp == 0x00AD && before >= 0 && after >= 0 && Character.isLetter(before) && Character.isLetter(after);
    }

    /** True when the characters before {@code k} (skipping one selector and skin tones) end with an emoji. */
    private boolean emojiBefore(int k) {
      int j = k - 1;
      if (j >= 0 && Characters.isVariationSelector(cps[j])) {
        j--;
      }
      while (j >= 0 && Characters.isEmojiModifier(cps[j])) {
        j--;
      }
      return j >= 0 && Characters.isPictographic(cps[j]);
    }

    private void endLine() {
      if (scattered.size() >= SCATTERED_PER_LINE) {
        add(scattered.get(0), HiddenTextKind.ZERO_WIDTH_RUN, scattered.size()
            + " invisible characters scattered on one line: " + distinct(scattered));
      }
      scattered.clear();
    }

    private String describeRun(List<Integer> hidden) {
      return hidden.size() + " invisible characters in a row: " + distinct(hidden);
    }

    private String distinct(List<Integer> indexes) {
      TreeMap<Integer, Integer> counts = new TreeMap<>();
      indexes.forEach(k -> counts.merge(cps[k], 1, Integer::sum));
      List<String> parts = new ArrayList<>();
      counts.forEach((cp, count) -> parts.add(Characters.describe(cp) + (count > 1 ? " ×" + count : "")));
      return String.join(", ", parts);
    }
  }

  /**
   * The problem with a name ({@code what}, e.g. {@code file name}), if any: invisible or bidi
   * characters in it, or a word mixing letters of look-alike scripts (Latin, Greek, Cyrillic,
   * Armenian, Cherokee), as in {@code pаypal} with a Cyrillic {@code а}. Words are runs of letters
   * and digits, so {@code API-ключ} (two words) is fine.
   *
   * @param path where the finding points (the file itself for a file name)
   */
  public static java.util.Optional<HiddenTextFinding> scanName(String path, String name, String what) {
    if (name.chars().allMatch(c -> c < 0x80)) {
      return java.util.Optional.empty();
    }
    Set<String> hiding = new LinkedHashSet<>();
    name.codePoints().filter(Characters::hides).forEach(cp -> hiding.add(Characters.describe(cp)));
    if (!hiding.isEmpty()) {
      return java.util.Optional.of(new HiddenTextFinding(path, 0, 0, HiddenTextKind.HOMOGLYPH_NAME,
          what + " `" + Characters.escape(name) + "` holds " + String.join(", ", hiding)));
    }
    List<String> words = new ArrayList<>();
    for (String word : name.split("[^\\p{L}\\p{N}\\p{M}]+")) {
      String mixed = ScriptMixing.describe(word);
      if (mixed != null) {
        return java.util.Optional.of(new HiddenTextFinding(path, 0, 0, HiddenTextKind.HOMOGLYPH_NAME,
            what + " `" + name + "`: `" + word + "` " + mixed));
      }
      words.add(word);
    }
    String lookAlike = ScriptMixing.describeWords(words);
    return lookAlike == null ? java.util.Optional.empty()
        : java.util.Optional.of(new HiddenTextFinding(path, 0, 0, HiddenTextKind.HOMOGLYPH_NAME,
            what + " `" + name + "`: " + lookAlike));
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
