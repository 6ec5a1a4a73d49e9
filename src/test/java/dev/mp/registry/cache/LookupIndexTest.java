package dev.mp.registry.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.registry.DependencySpec;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.Release;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookupIndexTest {
  @TempDir Path temp;

  static PluginEntry everyField() {
    Release latest = new Release("2.0.0", "sha512-" + "A".repeat(86) + "==", "sha256-" + "B".repeat(43) + "=",
        new PackageSource.Archive("https://plugins.example/gamma-2.0.0.tgz"),
        List.of(new DependencySpec("alpha", "^1", null), new DependencySpec("beta", "~2.1.0", "team")), true,
        "ed25519:c2lnbmF0dXJl");
    Release git = new Release("1.1.0", null, null, new PackageSource.Git("https://github.com/o/r.git", "v1", "abc1234", "sub/dir"),
        List.of(), false, null);
    Release folder = new Release("1.0.0", null, null, new PackageSource.Folder(Path.of("/plugins/gamma")), List.of(),
        false, null);
    Release command = new Release("0.9.0", null, null, new PackageSource.Unsupported("command", "tool export", "never run"),
        List.of(), false, null);
    Release subdir = new Release("0.8.0", null, null, new PackageSource.Git("file:///srv/mono", null,
        "0a783bc61ed0debe51603bce84a36d6b6e574813", "tools/p", "7a72d72a"), List.of(), false, null);
    Release npm = new Release("0.7.0", null, null, new PackageSource.Npm("@acme/gamma", "^0.7", "https://npm.example", null,
        null), List.of(), false, null);
    Release npmResolved = new Release("0.6.0", null, "sha512-" + "C".repeat(86) + "==", new PackageSource.Npm("gamma",
        "0.6.0", null, "0.6.0", "https://registry.npmjs.org/gamma/-/gamma-0.6.0.tgz"), List.of(), false, null);
    return new PluginEntry("gamma", "Gamma — ünïcödé 🚀", 85,
        List.of(latest, git, folder, command, subdir, npm, npmResolved));
  }

  private LookupIndex write(List<PluginEntry> entries) throws IOException {
    Path file = temp.resolve("lookup.bin");
    try (LookupWriter writer = LookupWriter.create(file)) {
      entries.forEach(writer::add);
      writer.finish();
    }
    return LookupIndex.open(file).orElseThrow();
  }

  @Test
  void everyFieldSurvivesTheRoundTrip() throws IOException {
    PluginEntry gamma = everyField();
    PluginEntry bare = new PluginEntry("alpha", null, null,
        List.of(new Release("0.0.0", null, null, new PackageSource.Folder(Path.of("/a")), List.of(), false, null)));
    LookupIndex index = write(List.of(gamma, bare));
    assertThat(index.find("gamma")).contains(gamma);
    assertThat(index.find("alpha")).contains(bare);
    assertThat(index.find("delta")).isEmpty();
    assertThat(index.size()).isEqualTo(2);
  }

  @Test
  void entriesAreSortedByNameWhateverTheWriteOrder() throws IOException {
    List<PluginEntry> entries = new ArrayList<>();
    for (String name : List.of("zeta", "alpha", "mu", "Beta", "alpha-2")) {
      entries.add(new PluginEntry(name, null, null,
          List.of(new Release("1.0.0", null, null, new PackageSource.Archive("/x.tgz"), List.of(), false, null))));
    }
    LookupIndex index = write(entries);
    assertThat(index.entries().map(PluginEntry::name)).containsExactly("Beta", "alpha", "alpha-2", "mu", "zeta");
    assertThat(index.names()).containsExactly("Beta", "alpha", "alpha-2", "mu", "zeta");
  }

  @Test
  void theOrderIsStringOrderForGeneratedNames() throws IOException {
    String[] pieces = {"plugin-", "a", "b", "Z", "0", "9", "-", "é", "ÿ", "\u0100", "\u4e2d", "\ud83d\ude80", "\u0000", ""};
    java.util.Random random = new java.util.Random(15);
    for (int round = 0; round < 40; round++) {
      String prefix = round % 3 == 0 ? "" : pieces[random.nextInt(pieces.length)] + pieces[random.nextInt(pieces.length)];
      java.util.Set<String> names = new java.util.LinkedHashSet<>();
      int count = 1 + random.nextInt(300);
      while (names.size() < count) {
        StringBuilder name = new StringBuilder(prefix);
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
          name.append(round % 4 == 1 ? pieces[random.nextInt(9)] : pieces[random.nextInt(pieces.length)]);
        }
        if (name.length() > 0) {
          names.add(name.toString());
        }
      }
      List<PluginEntry> entries = new ArrayList<>();
      for (String name : names) {
        entries.add(new PluginEntry(name, null, null,
            List.of(new Release("1.0.0", null, null, new PackageSource.Archive("/x.tgz"), List.of(), false, null))));
      }
      List<String> expected = new ArrayList<>(names);
      java.util.Collections.sort(expected);
      assertThat(write(entries).names()).as("round %d", round).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aSecondEntryOfTheSameNameIsRefused() throws IOException {
    Path file = temp.resolve("lookup.bin");
    try (LookupWriter writer = LookupWriter.create(file)) {
      assertThat(writer.add(everyField())).isTrue();
      assertThat(writer.add(everyField())).isFalse();
      assertThat(writer.finish()).isEqualTo(1);
    }
  }

  @Test
  void manyEntriesAreAllFound() throws IOException {
    List<PluginEntry> entries = IntStream.range(0, 5000)
        .mapToObj(i -> new PluginEntry("plugin-" + i, "number " + i, i % 101,
            List.of(new Release(i + ".0.0", null, null, new PackageSource.Archive("/p" + i + ".tgz"), List.of(), false, null))))
        .toList();
    LookupIndex index = write(entries);
    for (PluginEntry entry : entries) {
      assertThat(index.find(entry.name())).contains(entry);
    }
    assertThat(index.find("plugin-5000")).isEmpty();
  }

  @Test
  void anEmptyIndexWorks() throws IOException {
    LookupIndex index = write(List.of());
    assertThat(index.size()).isZero();
    assertThat(index.find("x")).isEmpty();
    assertThat(index.entries()).isEmpty();
  }

  @Test
  void anotherFormatVersionIsNotRead() throws IOException {
    write(List.of(everyField()));
    Path file = temp.resolve("lookup.bin");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(new byte[] {(byte) (LookupIndex.FORMAT_VERSION + 1)}), 4);
    }
    assertThat(LookupIndex.open(file)).isEmpty();
  }

  @Test
  void aTruncatedOrMissingFileIsNotRead() throws IOException {
    write(List.of(everyField()));
    Path file = temp.resolve("lookup.bin");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));
    assertThat(LookupIndex.open(file)).isEmpty();
    assertThat(LookupIndex.open(temp.resolve("missing.bin"))).isEqualTo(Optional.empty());
  }
}
