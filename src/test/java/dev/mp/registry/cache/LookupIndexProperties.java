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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever plugins go into a lookup file, exactly they come out, found by name. */
class LookupIndexProperties {
  @Property(tries = 60)
  void everyEntryIsFoundUnchangedAndNothingElse(@ForAll("entries") List<PluginEntry> entries) {
    Map<String, PluginEntry> first = new LinkedHashMap<>();
    entries.forEach(entry -> first.putIfAbsent(entry.name(), entry));
    LookupIndex index = write(entries);
    assertThat(index.size()).isEqualTo(first.size());
    first.forEach((name, entry) -> assertThat(index.find(name)).contains(entry));
    assertThat(index.find("\u0000absent")).isEmpty();
    assertThat(index.entries().map(PluginEntry::name).toList())
        .isEqualTo(first.keySet().stream().sorted().toList());
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

  @Provide
  Arbitrary<List<PluginEntry>> entries() {
    return entry().list().ofMaxSize(40);
  }

  /** Any well-formed Unicode text (lone surrogates cannot be UTF-8 and never come out of a JSON parser). */
  private static Arbitrary<String> text() {
    Arbitrary<String> bmp = Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\uffff')
        .ofMaxLength(30);
    return Arbitraries.oneOf(bmp, bmp.map(s -> s + "\ud83d\ude80"));
  }

  private static Arbitrary<String> nullableText() {
    return text().injectNull(0.3);
  }

  private static Arbitrary<PluginEntry> entry() {
    Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'f').ofMinLength(1).ofMaxLength(4);
    Arbitrary<Integer> trust = Arbitraries.integers().between(0, 100).injectNull(0.4);
    return Combinators.combine(names, nullableText(), trust, release().list().ofMinSize(1).ofMaxSize(3))
        .as(PluginEntry::new);
  }

  private static Arbitrary<Release> release() {
    Arbitrary<DependencySpec> dependency = Combinators.combine(text().filter(s -> !s.isBlank()), text(), nullableText())
        .as(DependencySpec::new);
    return Combinators.combine(text(), nullableText(), nullableText(), source(), dependency.list().ofMaxSize(3),
            Arbitraries.of(true, false), nullableText())
        .as(Release::new);
  }

  private static Arbitrary<PackageSource> source() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).map(s -> new PackageSource.Folder(Path.of("/" + s))),
        text().map(PackageSource.Archive::new),
        Combinators.combine(text(), nullableText(), nullableText(), nullableText()).as(PackageSource.Git::new),
        Combinators.combine(text(), text(), text()).as(PackageSource.Unsupported::new));
  }
}
