package dev.mp.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.Federation;
import dev.mp.Reporter;
import dev.mp.install.InstallPlan;
import dev.mp.install.Packages;
import dev.mp.install.PlannedPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import dev.mp.testing.Gen;
import dev.mp.testing.Property;
import org.junit.jupiter.api.Test;

/**
 * The lockfile is a function of the installed state, not of the order plugins were installed in.
 * (Named {@code *Test} so that the default surefire includes run it.)
 */
class LockGeneratePropertiesTest {
  @Test
  void generatingTwiceGivesTheSameBytesWhateverTheInstallOrder() {
    Property.forAll(12, LockGeneratePropertiesTest::installOrderDoesNotMatter);
  }

  private static void installOrderDoesNotMatter(Gen gen) throws Exception {
    int count = gen.between(1, 6);
    Path temp = Files.createTempDirectory("mp-lock-property");
    try {
      Random random = gen.random();
      List<PlannedPlugin> plugins = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = "p" + i;
        String version = random.nextInt(3) + "." + random.nextInt(10) + ".0";
        Path folder = Packages.plugin(temp.resolve("registry/" + name), name, version, "seed " + random.nextInt());
        String[] dependencies = i == 0 || random.nextBoolean() ? new String[0] : new String[] {"p" + random.nextInt(i)};
        plugins.add(Packages.fromFolder(name, version, folder, null, dependencies));
      }
      List<PlannedPlugin> shuffled = new ArrayList<>(plugins);
      Collections.shuffle(shuffled, random);

      byte[] inOrder = installOneByOne(temp.resolve("a"), temp.resolve("cache"), plugins);
      byte[] shuffledOrder = installOneByOne(temp.resolve("b"), temp.resolve("cache"), shuffled);
      assertThat(new String(shuffledOrder)).isEqualTo(new String(inOrder));
    } finally {
      try (var paths = Files.walk(temp)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Installs each plugin with its own command, then generates the lockfile twice; returns its bytes. */
  private static byte[] installOneByOne(Path project, Path cache, List<PlannedPlugin> order) throws Exception {
    Files.createDirectories(project);
    Federation federation = new Federation(Packages.context(project, cache, Map.of(), Reporter.SILENT));
    for (PlannedPlugin plugin : order) {
      federation.install(InstallPlan.of(List.of(plugin), Map.of(plugin.name(), "*")));
    }
    Files.delete(project.resolve("plugin-lock.json"));
    federation.lockGenerate();
    byte[] first = Files.readAllBytes(project.resolve("plugin-lock.json"));
    Files.delete(project.resolve("plugin-lock.json"));
    federation.lockGenerate();
    assertThat(Files.readAllBytes(project.resolve("plugin-lock.json"))).isEqualTo(first);
    return first;
  }
}
