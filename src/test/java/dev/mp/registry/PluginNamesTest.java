package dev.mp.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PluginNamesTest {
  @Test
  void listedAndInstallableFollowClaudeCode() {
    for (String name : List.of("plain", "a:b", "ünï", "x/y", ".hidden", "名前", "a#b")) {
      assertThat(PluginNames.isListed(name)).as(name).isTrue();
    }
    for (String name : List.of("", "has space", "tab\tx", "bidi\u202Ex", "new\nline")) {
      assertThat(PluginNames.isListed(name)).as(name).isFalse();
    }
    assertThat(PluginNames.isListed(null)).isFalse();
    for (String name : List.of("plain", "Upper.Case", "a..b", "v1.2_x-y", "x".repeat(300))) {
      assertThat(PluginNames.isInstallable(name)).as(name).isTrue();
      assertThat(PluginNames.installProblem(name)).isNull();
    }
    for (String name : List.of("a:b", "ünï", "x/y", ".hidden", "-dash", "_under", "..", "has space")) {
      assertThat(PluginNames.isInstallable(name)).as(name).isFalse();
      assertThat(PluginNames.installProblem(name)).contains("`" + name + "`").contains("invalid id");
    }
  }

  @Test
  void plainLowerCaseNamesAreTheirOwnFolder() {
    for (String name : List.of("alpha", "code-review", "v1.2_x", "a..b", "x".repeat(100))) {
      assertThat(PluginNames.folder(name)).isEqualTo(name);
    }
  }

  @Test
  void otherNamesGetAStemAndAHashThatNoPlainNameCanHave() {
    assertThat(PluginNames.folder("Foo")).matches("Foo~[0-9a-f]{12}");
    assertThat(PluginNames.folder("con")).matches("con~[0-9a-f]{12}");
    assertThat(PluginNames.folder("LPT1.txt")).matches("LPT1.txt~[0-9a-f]{12}");
    assertThat(PluginNames.folder("trailing.")).matches("trailing~[0-9a-f]{12}");
    assertThat(PluginNames.folder("x".repeat(101))).matches("x{64}~[0-9a-f]{12}");
    assertThat(PluginNames.folder("../../etc")).matches("_.._etc~[0-9a-f]{12}");
    assertThat(PluginNames.folder("名前")).matches("___?~[0-9a-f]{12}|__~[0-9a-f]{12}");
    assertThat(PluginNames.folder("Foo")).as("stable").isEqualTo(PluginNames.folder("Foo"));
  }

  @Test
  void distinctNamesNeverShareAFolderEvenIgnoringCaseAndFoldersNeverLeave() {
    Random random = new Random(11);
    String alphabet = "aAbBzZ09._-:/ü~ \\";
    Set<String> names = new HashSet<>(List.of("foo", "Foo", "FOO", "fOo", "con", "Con", "a.", "a", "a~1"));
    while (names.size() < 5000) {
      StringBuilder name = new StringBuilder();
      int length = 1 + random.nextInt(8);
      for (int i = 0; i < length; i++) {
        name.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      names.add(name.toString());
    }
    Set<String> folders = new HashSet<>();
    List<String> clashes = new ArrayList<>();
    Path installDir = Path.of("/install");
    for (String name : names) {
      String folder = PluginNames.folder(name);
      if (!folders.add(folder.toLowerCase(Locale.ROOT))) {
        clashes.add(name);
      }
      assertThat(folder).doesNotContain("/", "\\", ":").doesNotStartWith(".").doesNotStartWith("-").doesNotEndWith(".");
      assertThat(installDir.resolve(folder).normalize().getParent()).isEqualTo(installDir);
    }
    assertThat(clashes).isEmpty();
  }

  @Test
  void installedNamesMapFoldersBackAndKeepUnknownFoldersAsTheyAre() {
    assertThat(PluginNames.installedNames(List.of("foo", PluginNames.folder("Foo"), "hand-placed"),
        List.of("Foo", "foo", "gone"))).containsExactly("Foo", "foo", "hand-placed");
  }
}
