package dev.mp.registry.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.registry.DependencySpec;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.Release;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.mp.testing.Gen;
import dev.mp.testing.Property;
import org.junit.jupiter.api.Test;

/** Whatever plugins go into a lookup file, exactly they come out, found by name. */
class LookupIndexProperties {
  @Test
  void everyEntryIsFoundUnchangedAndNothingElse() {
    Property.forAll(60, gen -> {
      List<PluginEntry> entries = gen.list(0, 40, () -> entry(gen));
      Map<String, PluginEntry> first = new LinkedHashMap<>();
      entries.forEach(entry -> first.putIfAbsent(entry.name(), entry));
      LookupIndex index = write(entries);
      assertThat(index.size()).isEqualTo(first.size());
      first.forEach((name, entry) -> assertThat(index.find(name)).contains(entry));
      assertThat(index.find("\u0000absent")).isEmpty();
      assertThat(index.entries().map(PluginEntry::name).toList())
          .isEqualTo(first.keySet().stream().sorted().toList());
    });
  }

  private static LookupIndex write(List<PluginEntry> entries) {
    try {
      Path dir = Files.createTempDirectory("lookup-property");
      Path file = dir.resolve("lookup.bin");
      try (LookupWriter writer = LookupWriter.create(file)) {
        entries.forEach(writer::add);
        writer.finish();
      }
      LookupIndex index = LookupIndex.open(file).orElseThrow();
      Files.delete(file);
      Files.delete(dir);
      return index;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Any well-formed Unicode text (lone surrogates cannot be UTF-8 and never come out of a JSON
   * parser): BMP characters, and sometimes a character outside the BMP at the end.
   */
  private static String text(Gen gen) {
    String bmp = gen.filtered(() -> gen.string('\u0000', '\uffff', 0, 30), s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c)));
    return gen.bool() ? bmp : bmp + "\ud83d\ude80";
  }

  private static String nullableText(Gen gen) {
    return gen.orNull(0.3, () -> text(gen));
  }

  private static PluginEntry entry(Gen gen) {
    return new PluginEntry(gen.string('a', 'f', 1, 4), nullableText(gen), gen.orNull(0.4, () -> gen.between(0, 100)),
        gen.list(1, 3, () -> release(gen)));
  }

  private static Release release(Gen gen) {
    List<DependencySpec> dependencies = gen.list(0, 3, () -> new DependencySpec(
        gen.filtered(() -> text(gen), s -> !s.isBlank()), text(gen), nullableText(gen)));
    return new Release(text(gen), nullableText(gen), nullableText(gen), source(gen), dependencies, gen.bool(),
        nullableText(gen));
  }

  private static PackageSource source(Gen gen) {
    return gen.oneOf(
        () -> new PackageSource.Folder(Path.of("/" + gen.alpha(1, 10))),
        () -> new PackageSource.Archive(text(gen)),
        () -> new PackageSource.Git(text(gen), nullableText(gen), nullableText(gen), nullableText(gen)),
        () -> new PackageSource.Unsupported(text(gen), text(gen), text(gen)));
  }
}
