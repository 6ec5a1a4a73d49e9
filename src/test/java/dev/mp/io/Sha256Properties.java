package dev.mp.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import dev.mp.testing.Property;
import org.junit.jupiter.api.Test;

/** {@link Sha256} is the SHA-256 the JDK computes, at every length around the padding boundaries. */
class Sha256Properties {
  private static String jdk(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void equalsTheJdksDigest() {
    Property.forAll(500, gen -> {
      byte[] bytes = gen.bytes(0, 300);
      assertThat(Sha256.hex(bytes)).isEqualTo(jdk(bytes));
    });
  }

  @Test
  void equalsTheJdksDigestAtEveryLengthUpToThreeBlocks() throws Exception {
    for (int length = 0; length <= 200; length++) {
      byte[] bytes = new byte[length];
      for (int i = 0; i < length; i++) {
        bytes[i] = (byte) (i * 31 + length);
      }
      assertThat(Sha256.hex(bytes)).as("length " + length).isEqualTo(jdk(bytes));
    }
  }

  @Test
  void matchesTheFipsExamples() {
    assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(Sha256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
        .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    assertThat(Sha256.hex("naïve ☃".getBytes(StandardCharsets.UTF_8))).isEqualTo(Sha256.hex("naïve ☃"));
  }
}
