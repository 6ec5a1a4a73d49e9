package dev.mp.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The string shortcut of {@code PackageSource.relativeOrAbsolute} answers what the path operations answer. */
class RelativeOrAbsoluteTest {
  private static final String[] SEGMENTS = {"a", "b", "ab", ".", "..", "", "x y", "c\\d", "é", ".hidden", "a.b", "..."};

  private static String path(Random random, boolean absolute) {
    StringBuilder path = new StringBuilder(absolute ? "/" : "");
    int segments = random.nextInt(5);
    for (int i = 0; i < segments; i++) {
      if (i > 0) {
        path.append('/');
      }
      path.append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
    }
    if (random.nextInt(8) == 0) {
      path.append('/');
    }
    return path.toString();
  }

  @Test
  void agreesWithThePathOperations() {
    Random random = new Random(15);
    for (int n = 0; n < 20000; n++) {
      String location = path(random, random.nextInt(10) > 0);
      String rootText = random.nextInt(4) == 0 ? location + path(random, false) : path(random, random.nextInt(10) > 0);
      if (random.nextInt(3) == 0 && location.startsWith(rootText.isEmpty() ? "/" : rootText)) {
        rootText = rootText.isEmpty() ? "/" : rootText;
      }
      if (random.nextInt(3) == 0) {
        location = rootText + "/" + path(random, false);
      }
      Path root = Path.of(rootText);
      assertThat(PackageSource.relativeOrAbsolute(location, root))
          .as("location %s, root %s", location, rootText)
          .isEqualTo(PackageSource.relativeOrAbsolute(Path.of(location), root));
    }
  }

  @Test
  void examples() {
    Path root = Path.of("/work/project");
    assertThat(PackageSource.relativeOrAbsolute("/work/project/reg/a.tgz", root)).isEqualTo("./reg/a.tgz");
    assertThat(PackageSource.relativeOrAbsolute("/work/project", root)).isEqualTo(".");
    assertThat(PackageSource.relativeOrAbsolute("/work/projects/a.tgz", root)).isEqualTo("/work/projects/a.tgz");
    assertThat(PackageSource.relativeOrAbsolute("/work/project/../x.tgz", root)).isEqualTo("/work/x.tgz");
    assertThat(PackageSource.relativeOrAbsolute("/a.tgz", Path.of("/"))).isEqualTo("./a.tgz");
  }
}
