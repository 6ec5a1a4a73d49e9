package dev.mp.resolve;

import static dev.mp.resolve.Fixtures.context;
import static dev.mp.resolve.Fixtures.plugin;
import static dev.mp.resolve.Fixtures.registry;
import static dev.mp.resolve.Fixtures.release;
import static dev.mp.resolve.Fixtures.request;
import static dev.mp.resolve.Fixtures.set;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.audit.AuditLog;
import dev.mp.registry.DependencySpec;
import dev.mp.registry.PackageSource;
import dev.mp.registry.RegistrySet;
import dev.mp.registry.VersionTags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ranges over git sources resolve over {@code <name>--v<version>} tags, asked only when a range needs them. */
class GitTagResolutionTest {
  private static final PackageSource.Git MAIN = new PackageSource.Git("https://git.example/stripe.git", "main", null, null);

  @TempDir Path project;
  private final List<String> asked = new ArrayList<>();

  private VersionTags tags(Map<String, String> versionToSha) {
    return (plugin, source) -> {
      asked.add(plugin + " " + source.url());
      List<VersionTags.Tag> found = new ArrayList<>();
      versionToSha.forEach((version, sha) -> found.add(new VersionTags.Tag(version, plugin + "--v" + version, sha)));
      return found;
    };
  }

  private Resolution resolve(RegistrySet registries, VersionTags tags, String... specs) {
    return new RegistryResolver(registries, context(project),
        new AuditLog(project.resolve("audit.jsonl"), Fixtures.CLOCK), tags).resolve(request(specs));
  }

  private static RegistrySet stripeAtMain(String listedVersion, DependencySpec... dependencies) {
    return set(registry("market", 100, plugin("stripe", release(listedVersion, null, MAIN, List.of(dependencies)))));
  }

  @Test
  void aRangePicksTheHighestMatchingTagPinnedToItsCommit() {
    Resolution resolution = resolve(stripeAtMain("unknown"),
        tags(Map.of("1.0.0", "a".repeat(40), "1.2.0", "b".repeat(40), "2.0.0", "c".repeat(40))), "stripe@^1");
    ResolvedPlugin stripe = resolution.find("stripe").orElseThrow();
    assertThat(stripe.version()).isEqualTo("1.2.0");
    assertThat(stripe.source()).isEqualTo(new PackageSource.Git(MAIN.url(), "stripe--v1.2.0", "b".repeat(40), null));
    assertThat(asked).containsExactly("stripe https://git.example/stripe.git");
  }

  @Test
  void withoutARangeNoTagIsAskedForAndTheListedReleaseIsTaken() {
    Resolution resolution = resolve(stripeAtMain("unknown"), tags(Map.of("1.0.0", "a".repeat(40))), "stripe");
    assertThat(resolution.find("stripe").orElseThrow().version()).isEqualTo("unknown");
    assertThat(asked).isEmpty();
  }

  @Test
  void aTagWinsOverTheListedReleaseOfTheSameVersionAndDependencyRangesUseTagsToo() {
    RegistrySet registries = set(registry("market", 100,
        plugin("app", release("1.0.0", null, MAIN.at("d".repeat(40)), List.of(new DependencySpec("stripe", "~1.2", null)))),
        plugin("stripe", release("1.2.0", null, MAIN, List.of()))));
    Resolution resolution = resolve(registries, tags(Map.of("1.2.0", "b".repeat(40), "1.2.5", "e".repeat(40))), "app@1");
    assertThat(resolution.find("stripe").orElseThrow().source())
        .isEqualTo(new PackageSource.Git(MAIN.url(), "stripe--v1.2.5", "e".repeat(40), null));
    Resolution exact = resolve(registries, tags(Map.of("1.2.0", "b".repeat(40))), "stripe@1.2.0");
    assertThat(((PackageSource.Git) exact.find("stripe").orElseThrow().source()).sha()).isEqualTo("b".repeat(40));
  }

  @Test
  void aRepositoryThatCannotBeAskedLeavesTheListedReleaseAndAWarning() {
    VersionTags failing = (plugin, source) -> {
      throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE, "`git ls-remote` failed for " + source.url());
    };
    Resolution resolution = resolve(stripeAtMain("1.5.0"), failing, "stripe@^1");
    assertThat(resolution.find("stripe").orElseThrow().version()).isEqualTo("1.5.0");
    assertThat(resolution.warnings()).singleElement().asString()
        .contains("the `stripe--v*` tags of `stripe` (registry `market`) could not be listed")
        .contains("`git ls-remote` failed");
  }

  @Test
  void noMatchingTagSaysHowGitSourcesOfferVersions() {
    MpException failure = (MpException) org.assertj.core.api.Assertions.catchThrowable(
        () -> resolve(stripeAtMain("unknown"), tags(Map.of("1.0.0", "a".repeat(40))), "stripe@^2"));
    assertThat(failure.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND);
    assertThat(failure.hints()).contains("available: `market`: 1.0.0, unknown")
        .anySatisfy(hint -> assertThat(hint).contains("`stripe--v<version>` tags"));
  }
}
