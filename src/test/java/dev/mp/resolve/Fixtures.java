package dev.mp.resolve;

import dev.mp.Context;
import dev.mp.Reporter;
import dev.mp.Terminal;
import dev.mp.config.RegistrySpec;
import dev.mp.registry.DependencySpec;
import dev.mp.registry.InMemoryIndex;
import dev.mp.registry.IndexState;
import dev.mp.registry.LoadedRegistry;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.RegistrySet;
import dev.mp.registry.Release;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Registries, entries and releases for resolver tests, written the way an index would hold them. */
final class Fixtures {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

  private Fixtures() {}

  /** A release packaged as an archive at a URL derived from its version and integrity. */
  static Release release(String version, String integrity, String... dependencies) {
    return new Release(version, integrity, null,
        new PackageSource.Archive("https://packages.example/" + version + "/" + (integrity == null ? "x" : integrity.hashCode()) + ".tgz"),
        Arrays.stream(dependencies).map(DependencySpec::parse).toList(), false, null);
  }

  static Release release(String version, String integrity, PackageSource source, List<DependencySpec> dependencies) {
    return new Release(version, integrity, null, source, dependencies, false, null);
  }

  static PluginEntry plugin(String name, Release... releasesLatestFirst) {
    return new PluginEntry(name, "the " + name + " plugin", null, List.of(releasesLatestFirst));
  }

  /** One plugin with one release of that version, integrity {@code sha512-<name>-<version>-<tag>}. */
  static PluginEntry simple(String name, String version, String tag, String... dependencies) {
    return plugin(name, release(version, integrity(name + "-" + version + "-" + tag), dependencies));
  }

  /** A well-formed, distinct integrity string for a label. */
  static String integrity(String label) {
    return "sha512-" + java.util.Base64.getEncoder().encodeToString(
        java.util.Arrays.copyOf(label.getBytes(java.nio.charset.StandardCharsets.UTF_8), 64));
  }

  static LoadedRegistry registry(String name, int priority, PluginEntry... entries) {
    return LoadedRegistry.fresh(RegistrySpec.of(name, "https://" + name + ".example/index.json", priority),
        new InMemoryIndex(List.of(entries)));
  }

  static LoadedRegistry unavailable(String name, int priority, String problem) {
    return new LoadedRegistry(RegistrySpec.of(name, "https://" + name + ".example/index.json", priority), null,
        IndexState.UNAVAILABLE, null, problem);
  }

  static RegistrySet set(LoadedRegistry... registries) {
    return new RegistrySet(List.of(registries));
  }

  static Context context(Path project) {
    return context(project, Terminal.NONE);
  }

  static Context context(Path project, Terminal terminal) {
    return new Context(project, project.resolve(".cache"), false, CLOCK, Map.of(), Reporter.SILENT, terminal);
  }

  static ResolveRequest request(String... specs) {
    return ResolveRequest.of(List.of(specs));
  }

  /** A terminal that answers with the given choices in turn and records every question. */
  static final class ScriptedTerminal implements Terminal {
    final List<String> questions = new ArrayList<>();
    final List<List<String>> choices = new ArrayList<>();
    private final int[] answers;
    private int next;

    ScriptedTerminal(int... answers) {
      this.answers = answers;
    }

    @Override
    public boolean interactive() {
      return true;
    }

    @Override
    public int choose(String question, List<String> offered) {
      questions.add(question);
      choices.add(List.copyOf(offered));
      return answers[next++];
    }
  }
}
