package dev.mp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8WriterTest {
  private static final String[] PIECES = {"a", "é", "\u20ac", "\ud83d\ude00", "\ud83d", "\ude00", "\n", "\u0000", "plain ascii"};

  /** Writes the same pieces, split the same way, through both writers. */
  private static byte[][] both(String text, int[] cuts) throws Exception {
    ByteArrayOutputStream ours = new ByteArrayOutputStream();
    ByteArrayOutputStream jdk = new ByteArrayOutputStream();
    try (PrintWriter a = new PrintWriter(new Utf8Writer(ours));
        PrintWriter b = new PrintWriter(new OutputStreamWriter(jdk, StandardCharsets.UTF_8))) {
      int from = 0;
      for (int cut : cuts) {
        a.write(text, from, cut - from);
        b.write(text, from, cut - from);
        from = cut;
      }
      a.write(text.substring(from).toCharArray());
      b.write(text.substring(from).toCharArray());
    }
    return new byte[][] {ours.toByteArray(), jdk.toByteArray()};
  }

  @Test
  void writesWhatTheJdksWriterWritesWhereverTheTextIsCut() throws Exception {
    Random random = new Random(7);
    for (int run = 0; run < 2_000; run++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
      }
      int[] cuts = random.ints(random.nextInt(4), 0, text.length() + 1).sorted().toArray();
      byte[][] written = both(text.toString(), cuts);
      assertThat(written[0]).as("%s cut at %s", text, java.util.Arrays.toString(cuts)).isEqualTo(written[1]);
    }
  }

  @Test
  void aPairSplitAcrossTwoWritesStaysOneCharacter() throws Exception {
    byte[][] written = both("a\ud83d\ude00b", new int[] {2});
    assertThat(new String(written[0], StandardCharsets.UTF_8)).isEqualTo("a\ud83d\ude00b");
  }
}
