package dev.mp.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.integrity.TreeHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentDigestsTest {
  @TempDir Path temp;

  @Test
  void givesTheSameHashAsTheCanonicalTreeHashForSmallEmptyAndMultiBufferFiles() throws Exception {
    Random random = new Random(7);
    for (int size : new int[] {0, 1, 4096, 65536, 65537, 300_000}) {
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      Path file = Files.write(temp.resolve("f" + size), bytes);
      assertThat(ContentDigests.sha256Hex(file)).as("size %d", size).isEqualTo(TreeHash.sha256Hex(file));
    }
    Packages.plugin(temp.resolve("plugin"), "alpha", "1.0.0");
    assertThat(TreeHash.of(TreeHash.entries(temp.resolve("plugin"), ContentDigests.READ_CONTENT)))
        .isEqualTo(TreeHash.of(temp.resolve("plugin")));
  }
}
