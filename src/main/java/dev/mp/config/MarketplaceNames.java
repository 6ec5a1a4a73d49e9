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

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Set<String> RESERVED = Set.of(
      "claude-code-marketplace", "claude-code-plugins", "claude-plugins-official", "anthropic-marketplace",
      "anthropic-plugins", "agent-skills", "anthropic-agent-skills", "life-sciences", "knowledge-work-plugins",
      "claude-for-legal", "claude-for-financial-services", "financial-services-plugins", "first-party-plugins",
      "claude-tag-plugins", "claude-community", "claude-plugins-community", "healthcare", "anthropic-plugin-directory",
      "claude-plugin-directory", "inline", "builtin", "skills-dir", "synced", "claude-plugin-test");
  private static final String OFFICIAL = "official[^a-z0-9]*(anthropic|claude)|(anthropic|claude)[^a-z0-9]*official";
  private static final Pattern IMPERSONATES = Pattern.compile(
      OFFICIAL + "|^[^a-z0-9]*(anthropic|claude)[^a-z0-9]*(marketplace|plugins|official|directory|directories)");
  private static final Pattern IMPERSONATES_JOINED =
      Pattern.compile("officialanthropic|officialclaude|anthropicofficial|claudeofficial"
          + "|^(anthropic|claude)(marketplace|plugins|official|directory|directories)");
  private static final int STEM_LENGTH = 60;

  private MarketplaceNames() {}

  /** Why Claude Code would refuse a marketplace of this name (a phrase about "it"), or null when it accepts it. */
  public static String problem(String name) {
    if (name == null || !ID.matcher(name).matches() || name.contains("..")) {
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
    if (IMPERSONATES.matcher(lower).find() || IMPERSONATES_JOINED.matcher(lower.replaceAll("[^a-z0-9]+", "")).find()) {
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
    String stem = Normalizer.normalize(folder, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._]+", "-").replaceAll("\\.{2,}", ".")
        .replaceAll("^[-._]+|[-._]+$", "");
    if (stem.length() > STEM_LENGTH) {
      stem = stem.substring(0, STEM_LENGTH).replaceAll("[-._]+$", "");
    }
    String derived = "mp-" + stem;
    if (stem.isEmpty() || problem(derived) != null) {
      derived = "mp-" + Sha256.hex(folder).substring(0, 8);
    }
    return derived;
  }
}
