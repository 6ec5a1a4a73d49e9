package dev.mp.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.io.Sha256;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written checks of the configuration (marketplace names, registry names, auth) answer what their patterns answer. */
class ConfigShortcutsTest {
  private static final String[] PIECES = {
    "a", "B", "z", "0", "9", ".", "..", "...", "-", "_", " ", "  ", "@", "/x", "claude", "Claude", "anthropic",
    "official", "marketplace", "plugins", "directory", "directories", "claudeai-", "mp", "agent-skills", "inline",
    "é", "ﬁ", "\u0000", "\t", "~", "+", "ANTHROPIC", "x".repeat(70), "claude-code-marketplace",
  };

  /** problem() as it was: every check by its pattern. */
  private static String referenceProblem(String name) {
    Set<String> reserved = Set.of(
        "claude-code-marketplace", "claude-code-plugins", "claude-plugins-official", "anthropic-marketplace",
        "anthropic-plugins", "agent-skills", "anthropic-agent-skills", "life-sciences", "knowledge-work-plugins",
        "claude-for-legal", "claude-for-financial-services", "financial-services-plugins", "first-party-plugins",
        "claude-tag-plugins", "claude-community", "claude-plugins-community", "healthcare", "anthropic-plugin-directory",
        "claude-plugin-directory", "inline", "builtin", "skills-dir", "synced", "claude-plugin-test");
    String official = "official[^a-z0-9]*(anthropic|claude)|(anthropic|claude)[^a-z0-9]*official";
    Pattern impersonates = Pattern.compile(
        official + "|^[^a-z0-9]*(anthropic|claude)[^a-z0-9]*(marketplace|plugins|official|directory|directories)");
    Pattern joined = Pattern.compile("officialanthropic|officialclaude|anthropicofficial|claudeofficial"
        + "|^(anthropic|claude)(marketplace|plugins|official|directory|directories)");
    if (name == null || !Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*").matcher(name).matches() || name.contains("..")) {
      return "invalid";
    }
    if (name.length() > MarketplaceNames.MAX_LENGTH) {
      return "long";
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (reserved.contains(lower)) {
      return "reserved";
    }
    if (Normalizer.normalize(lower, Normalizer.Form.NFKC).startsWith("claudeai-")) {
      return "claudeai";
    }
    if (impersonates.matcher(lower).find() || joined.matcher(lower.replaceAll("[^a-z0-9]+", "")).find()) {
      return "look-alike";
    }
    return null;
  }

  /** derive() as it was: the stem by patterns. */
  private static String referenceDerive(String folder) {
    String stem = Normalizer.normalize(folder, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._]+", "-").replaceAll("\\.{2,}", ".")
        .replaceAll("^[-._]+|[-._]+$", "");
    if (stem.length() > 60) {
      stem = stem.substring(0, 60).replaceAll("[-._]+$", "");
    }
    String derived = "mp-" + stem;
    if (stem.isEmpty() || referenceProblem(derived) != null) {
      derived = "mp-" + Sha256.hex(folder).substring(0, 8);
    }
    return derived;
  }

  private static String generate(Random random) {
    StringBuilder text = new StringBuilder();
    int pieces = 1 + random.nextInt(6);
    for (int i = 0; i < pieces; i++) {
      text.append(PIECES[random.nextInt(random.nextInt(4) == 0 ? PIECES.length : 26)]);
    }
    return text.toString();
  }

  @Test
  void deriveAndProblemAnswerAsThePatternsDo() {
    Random random = new Random(15);
    for (int n = 0; n < 20_000; n++) {
      String text = generate(random);
      String problem = MarketplaceNames.problem(text);
      assertThat(problem == null).as("problem(%s)", text).isEqualTo(referenceProblem(text) == null);
      if (!text.contains("/") && !text.contains("\u0000") && !text.equals(".") && !text.equals("..")) {
        assertThat(MarketplaceNames.derive(Path.of("/work", text))).as("derive(%s)", text)
            .isEqualTo(referenceDerive(text));
      }
    }
  }

  @Test
  void registryNamesAreCheckedAsTheirPatternChecksThem() {
    Pattern name = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    Random random = new Random(15);
    String alphabet = "az09._-AZ @é/";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(6);
      for (int i = 0; i < length; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertThat(RegistrySpec.isValidName(text.toString())).as(text.toString())
          .isEqualTo(name.matcher(text).matches());
    }
  }

  @Test
  void authNamesAndLoopbackHostsAreCheckedAsTheirPatternsCheckThem() {
    Pattern envVar = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    Pattern loopback = Pattern.compile("localhost|127(\\.[0-9]{1,3}){3}|\\[::1\\]", Pattern.CASE_INSENSITIVE);
    String[] pieces = {"127", ".", "0", "1", "255", "1000", "localhost", "LocalHost", "localhoſt", "[::1]", "[::2]",
      "a", "Z", "_", "9", "-", "x", "K", "\u212a", ""};
    Random random = new Random(15);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(7);
      for (int i = 0; i < length; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String value = text.toString();
      assertThat(AuthSpec.isEnvVar(value)).as("env %s", value).isEqualTo(envVar.matcher(value).matches());
      assertThat(AuthSpec.isLoopbackHost(value)).as("host %s", value).isEqualTo(loopback.matcher(value).matches());
    }
  }
}
