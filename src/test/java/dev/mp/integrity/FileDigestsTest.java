package dev.mp.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestsTest {
  @TempDir Path temp;

  @Test
  void givesTheSha256OfTheWholeContentForSmallEmptyAndMultiBufferFiles() throws Exception {
    Random random = new Random(7);
    for (int size : new int[] {0, 1, 4096, 65536, 65537, 300_000}) {
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      Path file = Files.write(temp.resolve("f" + size), bytes);
      String expected = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
      assertThat(FileDigests.sha256Hex(file)).as("size %d", size).isEqualTo(expected);
      assertThat(FileDigests.sha256Hex(file)).as("again, with the reused buffer").isEqualTo(expected);
    }
  }
}
