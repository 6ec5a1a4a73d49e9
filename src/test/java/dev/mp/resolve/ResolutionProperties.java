package dev.mp.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.Context;
import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.Terminal;
import dev.mp.config.ConflictStrategy;
import dev.mp.config.RegistrySpec;
import dev.mp.registry.DependencySpec;
import dev.mp.registry.InMemoryIndex;
import dev.mp.registry.LoadedRegistry;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.RegistrySet;
import dev.mp.registry.Release;
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
 * Properties of resolution over generated federations: several registries (priority ties
 * included), overlapping plugin names, several releases, dependencies with ranges and registry pins,
 * and integrity that is sometimes shared, sometimes forked and sometimes unknown.
 */
class ResolutionProperties {
  private static final List<String> PLUGINS = List.of("alpha", "beta", "gamma", "delta", "omega");
  private static final List<String> REGISTRIES = List.of("local", "team", "public", "mirror");
  private static final List<String> VERSIONS = List.of("0.9.0", "1.0.0", "1.1.0", "1.2.0-rc.1", "2.0.0", "1.0", "abc1234");
  private static final List<String> RANGES = List.of("*", "*", "^1", "^2", ">=1.1", "~1.0", "<2", "1.x || 2.x");
  private static final Context CONTEXT = new Context(Path.of(System.getProperty("java.io.tmpdir")),
      Path.of(System.getProperty("java.io.tmpdir")), false, Fixtures.CLOCK, Map.of(), Reporter.SILENT, Terminal.NONE);

  /** A release as generated: integrity is shared by {@code tag} unless unknown; dependencies as written. */
  record ReleaseDef(String version, String tag, boolean unknownIntegrity, List<DependencySpec> dependencies) {}

  record EntryDef(String name, List<ReleaseDef> releases) {}

  record RegistryDef(String name, int priority, List<EntryDef> entries) {}

  record World(List<RegistryDef> registries, List<String> specs) {}

  @Test
  void resolutionIgnoresTheOrderOfRegistriesIndexEntriesAndRequests() {
    Property.forAll(250, gen -> {
      World world = world(gen);
      Object ordered = outcome(build(world, null), world.specs(), ConflictStrategy.HIGHEST_PRIORITY);
      Random random = gen.random();
      List<String> specs = new ArrayList<>(world.specs());
      Collections.shuffle(specs, random);
      Object shuffled = outcome(build(world, random), specs, ConflictStrategy.HIGHEST_PRIORITY);
      assertThat(shuffled).as(world.toString()).isEqualTo(ordered);
    });
  }

  @Test
  void theSameInputsAlwaysGiveTheSameResult() {
    Property.forAll(150, gen -> theSameInputsAlwaysGiveTheSameResult(world(gen)));
  }

  private static void theSameInputsAlwaysGiveTheSameResult(World world) {
    for (ConflictStrategy strategy : ConflictStrategy.values()) {
      assertThat(outcome(build(world, null), world.specs(), strategy))
          .isEqualTo(outcome(build(world, null), world.specs(), strategy));
    }
  }

  @Test
  void aConflictAlwaysHasSourcesThatAreNotProvablyIdentical() {
    Property.forAll(250, gen -> aConflictAlwaysHasSourcesThatAreNotProvablyIdentical(world(gen)));
  }

  private static void aConflictAlwaysHasSourcesThatAreNotProvablyIdentical(World world) {
    Object outcome = outcome(build(world, null), world.specs(), ConflictStrategy.HIGHEST_PRIORITY);
    if (outcome instanceof Resolution) {
      for (Conflict conflict : ((Resolution) outcome).conflicts()) {
        List<String> integrities = conflict.sources().stream().map(Offer::integrity).distinct().toList();
        assertThat(integrities.size() > 1 || integrities.contains(null)).as(conflict.toString()).isTrue();
      }
    }
  }

  @Test
  void registriesOfferingIdenticalContentNeverConflict() {
    Property.forAll(150, gen -> registriesOfferingIdenticalContentNeverConflict(world(gen)));
  }

  private static void registriesOfferingIdenticalContentNeverConflict(World world) {
    List<EntryDef> known = new ArrayList<>();
    for (EntryDef entry : world.registries().get(0).entries()) {
      known.add(new EntryDef(entry.name(), entry.releases().stream()
          .map(r -> new ReleaseDef(r.version(), r.tag(), false, r.dependencies())).toList()));
    }
    List<RegistryDef> mirrors = new ArrayList<>();
    for (RegistryDef registry : world.registries()) {
      mirrors.add(new RegistryDef(registry.name(), registry.priority(), known));
    }
    Object outcome = outcome(build(new World(mirrors, world.specs()), null), world.specs(), ConflictStrategy.ERROR);
    if (outcome instanceof Resolution) {
      assertThat(((Resolution) outcome).conflicts()).isEmpty();
    } else {
      assertThat((String) outcome).doesNotStartWith("UNRESOLVED_CONFLICT");
    }
  }

  @Test
  void everyResolvedPluginSatisfiesItsConstraintsAndHasItsDependencies() {
    Property.forAll(250, gen -> everyResolvedPluginSatisfiesItsConstraintsAndHasItsDependencies(world(gen)));
  }

  private static void everyResolvedPluginSatisfiesItsConstraintsAndHasItsDependencies(World world) {
    RegistrySet registries = build(world, null);
    Object outcome = outcome(registries, world.specs(), ConflictStrategy.HIGHEST_PRIORITY);
    if (!(outcome instanceof Resolution)) {
      return;
    }
    Resolution resolution = (Resolution) outcome;
    for (ResolvedPlugin plugin : resolution.plugins()) {
      for (DependencySpec dependency : plugin.dependencies()) {
        ResolvedPlugin resolved = resolution.find(dependency.name()).orElseThrow();
        assertThat(resolved.requiredBy()).contains(plugin.name());
        if (dependency.registry() != null) {
          assertThat(resolved.registry()).isEqualTo(dependency.registry());
        }
      }
      for (Constraint constraint : plugin.constraints()) {
        VersionRange range = VersionRange.parse(constraint.range());
        boolean latest = registries.registries().stream()
            .filter(r -> r.name().equals(plugin.registry()))
            .anyMatch(r -> r.index().find(plugin.name()).orElseThrow().latest().equals(plugin.release()));
        assertThat(range.test(Version.parse(plugin.version())) || (range.isAny() && latest))
            .as(plugin.name() + "@" + plugin.version() + " vs " + constraint).isTrue();
      }
    }
    for (String spec : world.specs()) {
      assertThat(resolution.find(DependencySpec.parse(spec).name())).isPresent();
    }
  }

  /** The resolution, or {@code CODE: message} of the error, so outcomes can be compared. */
  private static Object outcome(RegistrySet registries, List<String> specs, ConflictStrategy strategy) {
    try {
      return new RegistryResolver(registries, CONTEXT)
          .resolve(ResolveRequest.of(specs).withStrategy(strategy).withExplain(true).withAudit(false));
    } catch (MpException e) {
      return e.code() + ": " + e.getMessage() + " " + e.hints();
    }
  }

  /** The registries of the world; with {@code random}, registries and index entries are shuffled. */
  private static RegistrySet build(World world, Random random) {
    List<LoadedRegistry> registries = new ArrayList<>();
    for (RegistryDef registry : world.registries()) {
      List<PluginEntry> entries = new ArrayList<>();
      for (EntryDef entry : registry.entries()) {
        List<Release> releases = new ArrayList<>();
        for (ReleaseDef release : entry.releases()) {
          String integrity = release.unknownIntegrity() ? null : Fixtures.integrity(entry.name() + release.tag());
          releases.add(new Release(release.version(), integrity, null,
              new PackageSource.Archive("https://" + registry.name() + ".example/" + entry.name() + release.tag() + ".tgz"),
              release.dependencies(), false, null));
        }
        entries.add(new PluginEntry(entry.name(), null, null, releases));
      }
      if (random != null) {
        Collections.shuffle(entries, random);
      }
      registries.add(LoadedRegistry.fresh(RegistrySpec.of(registry.name(), "./" + registry.name(), registry.priority()),
          new InMemoryIndex(entries)));
    }
    if (random != null) {
      Collections.shuffle(registries, random);
    }
    return new RegistrySet(registries);
  }

  private static World world(Gen gen) {
    List<RegistryDef> registries = gen.uniqueList(1, 4, RegistryDef::name, () -> new RegistryDef(
        gen.of(REGISTRIES), gen.of(0, 10, 10, 50), gen.uniqueList(2, 5, EntryDef::name, () -> entry(gen))));
    List<String> specs = gen.list(1, 3, () -> {
      String name = gen.of(PLUGINS);
      String range = gen.orNull(0.6, () -> gen.of(RANGES));
      return range == null ? name : name + "@" + range;
    });
    return new World(registries, specs);
  }

  /** Mostly acyclic (dependencies point to later names); one entry in ten may point anywhere. */
  private static EntryDef entry(Gen gen) {
    String name = gen.of(PLUGINS);
    List<ReleaseDef> releases = gen.uniqueList(1, 3, ReleaseDef::version, () -> new ReleaseDef(
        gen.of(VERSIONS), gen.of("a", "b"), gen.of(false, false, false, true),
        gen.list(0, 2, () -> new DependencySpec(gen.of(PLUGINS), gen.of(RANGES), gen.orNull(0.93, () -> gen.of(REGISTRIES))))));
    if (gen.between(0, 9) == 0) {
      return new EntryDef(name, releases);
    }
    return new EntryDef(name, releases.stream()
        .map(r -> new ReleaseDef(r.version(), r.tag(), r.unknownIntegrity(), r.dependencies().stream()
            .filter(d -> PLUGINS.indexOf(d.name()) > PLUGINS.indexOf(name)).toList()))
        .toList());
  }
}
