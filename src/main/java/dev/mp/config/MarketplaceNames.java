package dev.mp.config;

import dev.mp.io.Sha256;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The name of the marketplace mp generates in a project's install folder: what Claude Code (2.1.332)
 * accepts, and the default derived from the project folder.
 *
 * <p>Claude Code keeps one list of marketplaces per user, keyed by name, so the name must differ from
 * project to project; the default is {@code mp-<project folder>}. Claude Code refuses a marketplace
 * whose name (as measured with its {@code plugin validate} and {@code marketplace add}):
 *
 * <ul>
 *   <li>uses anything but the letters a-z and A-Z, digits, {@code .}, {@code _} and {@code -}, holds
 *       {@code ..}, or does not start with a letter or digit (plugin ids {@code name@marketplace} could
 *       not name it); mp also keeps to Claude Desktop's 128 characters;
 *   <li>is reserved: Anthropic's own marketplaces ({@code claude-plugins-official}, {@code
 *       agent-skills}, ...), the pseudo-marketplaces {@code builtin}, {@code inline}, {@code skills-dir},
 *       {@code synced}, {@code claude-plugin-test}, and names starting with {@code claudeai-};
 *   <li>impersonates an official one: {@code official} next to {@code anthropic} or {@code claude}, or
 *       {@code anthropic}/{@code claude} followed by {@code marketplace}, {@code plugins}, {@code
 *       official}, {@code directory}.
 * </ul>
 *
 * Stateless.
 */
public final class MarketplaceNames {
  /** The longest name mp accepts (Claude Desktop's limit). */
  public static final int MAX_LENGTH = 128;
  /** What a name may hold, for messages. */
  public static final String RULE = "letters a-z and A-Z, digits, `.`, `_` and `-` (no `..`), starting with a letter"
      + " or digit, at most " + MAX_LENGTH + " characters";

  private static final Set<String> RESERVED = Set.of(
      "claude-code-marketplace", "claude-code-plugins", "claude-plugins-official", "anthropic-marketplace",
      "anthropic-plugins", "agent-skills", "anthropic-agent-skills", "life-sciences", "knowledge-work-plugins",
      "claude-for-legal", "claude-for-financial-services", "financial-services-plugins", "first-party-plugins",
      "claude-tag-plugins", "claude-community", "claude-plugins-community", "healthcare", "anthropic-plugin-directory",
      "claude-plugin-directory", "inline", "builtin", "skills-dir", "synced", "claude-plugin-test");
  private static final int STEM_LENGTH = 60;

  /**
   * The patterns, compiled on first use: every command that knows the project's layout derives the
   * default name, and for a plain ASCII folder name none is needed (about 5 ms of every start).
   */
  private static final class Patterns {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    static final String OFFICIAL = "official[^a-z0-9]*(anthropic|claude)|(anthropic|claude)[^a-z0-9]*official";
    static final Pattern IMPERSONATES = Pattern.compile(
        OFFICIAL + "|^[^a-z0-9]*(anthropic|claude)[^a-z0-9]*(marketplace|plugins|official|directory|directories)");
    static final Pattern IMPERSONATES_JOINED =
        Pattern.compile("officialanthropic|officialclaude|anthropicofficial|claudeofficial"
            + "|^(anthropic|claude)(marketplace|plugins|official|directory|directories)");
  }

  private MarketplaceNames() {}

  /** Why Claude Code would refuse a marketplace of this name (a phrase about "it"), or null when it accepts it. */
  public static String problem(String name) {
    if (name != null && acceptedPlainly(name)) {
      return null;
    }
    if (name == null || !Patterns.ID.matcher(name).matches() || name.contains("..")) {
      return "Claude Code cannot install plugins from a marketplace so named (use " + RULE + ")";
    }
    if (name.length() > MAX_LENGTH) {
      return "longer than " + MAX_LENGTH + " characters";
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (RESERVED.contains(lower)) {
      return "Claude Code reserves it for Anthropic's own marketplaces and its built-in plugins";
    }
    if (Normalizer.normalize(lower, Normalizer.Form.NFKC).startsWith("claudeai-")) {
      return "Claude Code reserves names starting with `claudeai-` for marketplaces hosted on claude.ai";
    }
    if (Patterns.IMPERSONATES.matcher(lower).find()
        || Patterns.IMPERSONATES_JOINED.matcher(lower.replaceAll("[^a-z0-9]+", "")).find()) {
      return "Claude Code refuses it as a look-alike of an official Anthropic marketplace";
    }
    return null;
  }

  /**
   * The default for a project: {@code mp-} and the project folder's name in lower case, each run of
   * other characters a {@code -}; when that is empty or refused, {@code mp-} and 8 hex digits of the
   * folder name's SHA-256. The same folder name always gives the same marketplace name.
   */
  public static String derive(Path projectRoot) {
    Path fileName = projectRoot.toAbsolutePath().normalize().getFileName();
    String folder = fileName == null ? "" : fileName.toString();
    String stem;
    if (isAscii(folder)) {
      stem = asciiStem(folder);
    } else {
      stem = Normalizer.normalize(folder, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
          .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._]+", "-").replaceAll("\\.{2,}", ".")
          .replaceAll("^[-._]+|[-._]+$", "");
      if (stem.length() > STEM_LENGTH) {
        stem = stem.substring(0, STEM_LENGTH).replaceAll("[-._]+$", "");
      }
    }
    String derived = "mp-" + stem;
    if (stem.isEmpty() || problem(derived) != null) {
      derived = "mp-" + Sha256.hex(folder).substring(0, 8);
    }
    return derived;
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0x7F) {
        return false;
      }
    }
    return true;
  }

  private static boolean isStemChar(char c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_';
  }

  private static boolean isEdge(char c) {
    return c == '-' || c == '.' || c == '_';
  }

  /**
   * The stem of an ASCII folder name, as the patterns of {@link #derive} make it (NFKD and marks
   * change nothing in ASCII): lower case, each run of other characters one {@code -}, each run of
   * dots one dot, {@code -._} trimmed at both ends, at most {@value #STEM_LENGTH} characters and
   * trimmed again at the end.
   */
  private static String asciiStem(String folder) {
    String lower = folder.toLowerCase(Locale.ROOT);
    StringBuilder replaced = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (isStemChar(c)) {
        replaced.append(c);
      } else if (i == 0 || isStemChar(lower.charAt(i - 1))) {
        replaced.append('-');
      }
    }
    StringBuilder out = new StringBuilder(replaced.length());
    for (int i = 0; i < replaced.length(); i++) {
      char c = replaced.charAt(i);
      if (c != '.' || out.length() == 0 || out.charAt(out.length() - 1) != '.') {
        out.append(c);
      }
    }
    int start = 0;
    int end = out.length();
    while (start < end && isEdge(out.charAt(start))) {
      start++;
    }
    while (end > start && isEdge(out.charAt(end - 1))) {
      end--;
    }
    String stem = out.substring(start, end);
    if (stem.length() > STEM_LENGTH) {
      end = STEM_LENGTH;
      while (end > 0 && isEdge(stem.charAt(end - 1))) {
        end--;
      }
      stem = stem.substring(0, end);
    }
    return stem;
  }

  /**
   * True for a name every check of {@link #problem} accepts without its patterns: ASCII letters,
   * digits, {@code ._-}, starting with a letter or digit, no {@code ..}, at most {@value #MAX_LENGTH}
   * characters, not reserved, and neither {@code anthropic} nor {@code claude} among its letters and
   * digits (every look-alike rule and {@code claudeai-} need one of them).
   */
  private static boolean acceptedPlainly(String name) {
    int n = name.length();
    if (n == 0 || n > MAX_LENGTH || name.contains("..")) {
      return false;
    }
    StringBuilder joined = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
      if (!alnum && (i == 0 || c != '.' && c != '_' && c != '-')) {
        return false;
      }
      if (alnum) {
        joined.append(Character.toLowerCase(c));
      }
    }
    String letters = joined.toString();
    return !RESERVED.contains(name.toLowerCase(Locale.ROOT)) && !letters.contains("anthropic")
        && !letters.contains("claude");
  }
}
