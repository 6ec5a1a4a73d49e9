package dev.mp.content;

import java.util.Locale;

/** Which code points hide text, and how to show a code point to people. Stateless. */
final class Characters {
  private Characters() {}

  /** Unicode tag characters (U+E0000–U+E007F): invisible, and each maps to an ASCII character. */
  static boolean isTag(int cp) {
    return cp >= 0xE0000 && cp <= 0xE007F;
  }

  /** Embeddings, overrides and isolates: they reorder the display of the text around them. */
  static boolean isBidiControl(int cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
  }

  /** Variation selectors: one after a character picks its look (emoji or text style, CJK variants). */
  static boolean isVariationSelector(int cp) {
    return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
  }

  /** Characters that display as nothing (tags and bidi controls are reported on their own). */
  static boolean isInvisible(int cp) {
    return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF || cp == 0x180E
        || cp == 0x00AD || cp == 0x034F || cp == 0x061C || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0
        || (cp >= 0x1D173 && cp <= 0x1D17A) || isVariationSelector(cp);
  }

  /** Anything that hides text: invisible, a tag or a bidi control. */
  static boolean hides(int cp) {
    return isInvisible(cp) || isTag(cp) || isBidiControl(cp);
  }

  /**
   * Extended pictographic characters (emoji), approximately: the ranges of Unicode's
   * Extended_Pictographic property, which Java 17 does not expose.
   */
  static boolean isPictographic(int cp) {
    return cp == 0x00A9 || cp == 0x00AE || cp == 0x203C || cp == 0x2049 || cp == 0x2122 || cp == 0x2139
        || (cp >= 0x2194 && cp <= 0x21AA) || (cp >= 0x231A && cp <= 0x23FF) || cp == 0x24C2
        || (cp >= 0x25AA && cp <= 0x25FE) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2934 && cp <= 0x2935)
        || (cp >= 0x2B05 && cp <= 0x2B55) || cp == 0x3030 || cp == 0x303D || cp == 0x3297 || cp == 0x3299
        || (cp >= 0x1F000 && cp <= 0x1FAFF);
  }

  /** Emoji skin-tone modifiers, which follow an emoji inside a sequence. */
  static boolean isEmojiModifier(int cp) {
    return cp >= 0x1F3FB && cp <= 0x1F3FF;
  }

  /** A letter, digit or combining mark of a script other than Latin and Common (joiners are normal there). */
  static boolean isNonLatinWordCharacter(int cp) {
    if (!(Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
        || Character.getType(cp) == Character.COMBINING_SPACING_MARK)) {
      return false;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script != Character.UnicodeScript.LATIN && script != Character.UnicodeScript.COMMON
        && script != Character.UnicodeScript.INHERITED;
  }

  /** {@code U+200B ZERO WIDTH SPACE}. */
  static String describe(int cp) {
    String name = Character.getName(cp);
    return String.format(Locale.ROOT, "U+%04X", cp) + (name == null ? "" : " " + name);
  }

  /** {@code text} with hiding characters, controls and backticks written as {@code \\u{200B}}. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(cp -> {
      if (hides(cp) || Character.isISOControl(cp) || cp == '`') {
        out.append(String.format(Locale.ROOT, "\\u{%X}", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }
}
