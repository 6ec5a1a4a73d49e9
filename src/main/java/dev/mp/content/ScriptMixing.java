package dev.mp.content;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Words that mix letters of scripts whose letters look alike (UTS #39's "mixed-script confusables",
 * for the scripts that imitate Latin). Stateless.
 */
final class ScriptMixing {
  private static final List<Character.UnicodeScript> LOOK_ALIKE = List.of(Character.UnicodeScript.LATIN,
      Character.UnicodeScript.GREEK, Character.UnicodeScript.CYRILLIC, Character.UnicodeScript.ARMENIAN,
      Character.UnicodeScript.CHEROKEE);

  /**
   * Greek, Cyrillic and Armenian letters that look like Latin ones (from Unicode's confusables data,
   * the common subset): a word made only of them reads as Latin.
   */
  private static final String LATIN_LOOK_ALIKES = "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιν" + "АВЕКМНОРСТУХЅІЈаеорсухѕіјԁһԛԝүӏɡ" + "Օօսհոե";

  private ScriptMixing() {}

  /**
   * For a name of several words: {@code `ΑΡΙ` is written in Greek letters that look like Latin ones},
   * when one word is made only of such letters while another word is Latin; else null.
   */
  static String describeWords(List<String> words) {
    boolean latin = words.stream().anyMatch(w -> w.codePoints().filter(Character::isLetter)
        .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN));
    if (!latin) {
      return null;
    }
    for (String word : words) {
      long letters = word.codePoints().filter(Character::isLetter).count();
      if (letters > 0 && word.codePoints().filter(Character::isLetter).allMatch(cp -> LATIN_LOOK_ALIKES.indexOf(cp) >= 0)) {
        Character.UnicodeScript script = Character.UnicodeScript.of(word.codePoints().filter(Character::isLetter).findFirst().getAsInt());
        return "`" + word + "` is written in " + title(script) + " letters that look like Latin ones, beside Latin words";
      }
    }
    return null;
  }

  /**
   * {@code mixes Latin and Cyrillic letters (U+0430 CYRILLIC SMALL LETTER A)}, or null when the word
   * uses at most one of the look-alike scripts.
   */
  static String describe(String word) {
    Map<Character.UnicodeScript, List<Integer>> letters = new EnumMap<>(Character.UnicodeScript.class);
    word.codePoints().filter(Character::isLetter).forEach(cp -> {
      Character.UnicodeScript script = Character.UnicodeScript.of(cp);
      if (LOOK_ALIKE.contains(script)) {
        letters.computeIfAbsent(script, s -> new ArrayList<>()).add(cp);
      }
    });
    if (letters.size() < 2) {
      return null;
    }
    Character.UnicodeScript main = null;
    for (Map.Entry<Character.UnicodeScript, List<Integer>> entry : letters.entrySet()) {
      if (main == null || entry.getValue().size() > letters.get(main).size()) {
        main = entry.getKey();
      }
    }
    List<String> scripts = new ArrayList<>();
    List<String> odd = new ArrayList<>();
    for (Map.Entry<Character.UnicodeScript, List<Integer>> entry : letters.entrySet()) {
      scripts.add(title(entry.getKey()));
      if (entry.getKey() != main) {
        entry.getValue().stream().distinct().limit(3).forEach(cp -> odd.add(Characters.describe(cp)));
      }
    }
    return "mixes " + String.join(" and ", scripts) + " letters (" + String.join(", ", odd) + ")";
  }

  private static String title(Character.UnicodeScript script) {
    String name = script.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
