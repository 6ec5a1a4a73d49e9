package dev.mp.content;

/** What kind of hidden text a finding is. */
public enum HiddenTextKind {
  /** Unicode tag characters (U+E0000–U+E007F) outside an emoji flag: invisible ASCII. */
  TAG_CHARACTERS("tag-characters", "Unicode tag characters"),
  /** Bidirectional embeddings, overrides and isolates, which reorder what is displayed (Trojan Source). */
  BIDI_CONTROL("bidi-control", "bidirectional control characters"),
  /** Two or more invisible characters in a row (zero-width spaces, joiners, variation selectors, ...). */
  ZERO_WIDTH_RUN("zero-width-run", "a run of invisible characters"),
  /** A name that mixes look-alike scripts (Latin with Cyrillic or Greek) or holds invisible characters. */
  HOMOGLYPH_NAME("homoglyph-name", "a name mixing look-alike scripts");

  private final String wire;
  private final String title;

  HiddenTextKind(String wire, String title) {
    this.wire = wire;
    this.title = title;
  }

  /** The identifier in reports: {@code tag-characters}. */
  public String wire() {
    return wire;
  }

  /** For people: {@code Unicode tag characters}. */
  public String title() {
    return title;
  }
}
