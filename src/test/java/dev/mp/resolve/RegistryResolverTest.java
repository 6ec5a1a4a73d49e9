package dev.mp.resolve;

import static dev.mp.resolve.Fixtures.context;
import static dev.mp.resolve.Fixtures.integrity;
import static dev.mp.resolve.Fixtures.plugin;
import static dev.mp.resolve.Fixtures.registry;
import static dev.mp.resolve.Fixtures.release;
import static dev.mp.resolve.Fixtures.request;
import static dev.mp.resolve.Fixtures.set;
import static dev.mp.resolve.Fixtures.simple;
import static dev.mp.resolve.Fixtures.unavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.RegistrySet;
import dev.mp.registry.Release;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryResolverTest {
  @TempDir Path project;

  private Resolution resolve(RegistrySet registries, ResolveRequest request) {
    return new RegistryResolver(registries, context(project)).resolve(request);
  }

  private MpException failure(RegistrySet registries, ResolveRequest request) {
    return (MpException) org.assertj.core.api.Assertions.catchThrowable(() -> resolve(registries, request));
  }

  @Test
  void takesThePluginFromTheHighestPriorityRegistryThatOffersIt() {
    String same = integrity("gamma");
    RegistrySet registries = set(
        registry("public", 0, plugin("gamma", release("1.2.0", same))),
        registry("local", 100, simple("alpha", "1.0.0", "l")),
        registry("team", 75, plugin("gamma", release("1.2.0", same))));
    ResolvedPlugin gamma = resolve(registries, request("gamma")).find("gamma").orElseThrow();
    assertThat(gamma.registry()).isEqualTo("team");
    assertThat(gamma.reason()).isEqualTo(ChoiceReason.PRIORITY);
    assertThat(gamma.alternatives()).extracting(Offer::registry).containsExactly("public");
    assertThat(gamma.requested()).isTrue();
  }

  @Test
  void breaksPriorityTiesByRegistryName() {
    String same = integrity("gamma");
    RegistrySet registries = set(
        registry("zeta", 50, plugin("gamma", release("1.0.0", same))),
        registry("beta", 50, plugin("gamma", release("1.0.0", same))));
    assertThat(resolve(registries, request("gamma")).find("gamma").orElseThrow().registry()).isEqualTo("beta");
  }

  @Test
  void takesTheHighestReleaseSatisfyingTheRangeInTheWinningRegistry() {
    PluginEntry gamma = plugin("gamma",
        release("1.4.0", integrity("g140")), release("2.0.0-rc.1", integrity("g2rc")), release("1.10.1", integrity("g1101")),
        release("2.1.0", integrity("g210")), release("1.9.0", integrity("g190")));
    RegistrySet registries = set(registry("team", 75, gamma));
    assertThat(resolve(registries, request("gamma@^1.4")).find("gamma").orElseThrow().version()).isEqualTo("1.10.1");
    assertThat(resolve(registries, request("gamma")).find("gamma").orElseThrow().version()).isEqualTo("2.1.0");
    assertThat(resolve(registries, request("gamma@>=2.0.0-rc.0 <2.1")).find("gamma").orElseThrow().version())
        .isEqualTo("2.0.0-rc.1");
  }

  @Test
  void skipsAHigherPriorityRegistryWithoutASatisfyingRelease() {
    RegistrySet registries = set(
        registry("local", 100, simple("gamma", "2.0.0", "l")),
        registry("team", 75, simple("gamma", "1.3.0", "t")));
    ResolvedPlugin gamma = resolve(registries, request("gamma@^1")).find("gamma").orElseThrow();
    assertThat(gamma.registry()).isEqualTo("team");
    assertThat(gamma.reason()).isEqualTo(ChoiceReason.RANGE);
    assertThat(gamma.alternatives()).singleElement().satisfies(offer -> {
      assertThat(offer.registry()).isEqualTo("local");
      assertThat(offer.version()).isEqualTo("2.0.0");
      assertThat(offer.satisfies()).isFalse();
    });
  }

  @Test
  void theAnyRangeTakesAnEntryWhoseOnlyReleaseIsAPrereleaseOrAGitSha() {
    String sha = "3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a";
    RegistrySet registries = set(registry("public", 0,
        plugin("beta-only", release("2.0.0-beta.1", integrity("b"))),
        plugin("from-git", release(sha, null))));
    Resolution resolution = resolve(registries, request("beta-only", "from-git"));
    assertThat(resolution.find("beta-only").orElseThrow().version()).isEqualTo("2.0.0-beta.1");
    assertThat(resolution.find("from-git").orElseThrow().version()).isEqualTo(sha);
    assertThat(resolve(registries, request("from-git@" + sha)).find("from-git").orElseThrow().version()).isEqualTo(sha);
    assertThat(failure(registries, request("from-git@^1")).code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND);
  }

  @Test
  void skipsUnavailableRegistriesWithAWarning() {
    RegistrySet registries = set(
        unavailable("local", 100, "connection refused"),
        registry("team", 75, simple("gamma", "1.0.0", "t")));
    Resolution resolution = resolve(registries, request("gamma"));
    assertThat(resolution.find("gamma").orElseThrow().registry()).isEqualTo("team");
    assertThat(resolution.warnings()).containsExactly("registry `local` is unavailable and was skipped: connection refused");
  }

  @Test
  void neverConsultsADisabledRegistry() {
    dev.mp.config.RegistrySpec off = new dev.mp.config.RegistrySpec("local", "./plugins", 100, dev.mp.config.AuthSpec.NONE,
        dev.mp.config.PolicyMode.OPEN, false, List.of(), false, Map.of());
    RegistrySet registries = set(
        dev.mp.registry.LoadedRegistry.fresh(off, new dev.mp.registry.InMemoryIndex(List.of(simple("gamma", "9.0.0", "l")))),
        registry("team", 75, simple("gamma", "1.0.0", "t")));
    ResolvedPlugin gamma = resolve(registries, request("gamma")).find("gamma").orElseThrow();
    assertThat(gamma.registry()).isEqualTo("team");
    assertThat(gamma.alternatives()).isEmpty();
    assertThat(failure(set(registries.registries().get(0)), request("gamma")).code()).isEqualTo(ErrorCode.NO_REGISTRIES);
  }

  @Test
  void failsWhenEveryRegistryIsUnavailableOrNoneIsConfigured() {
    assertThat(failure(set(unavailable("team", 1, "timeout")), request("gamma")).code())
        .isEqualTo(ErrorCode.ALL_REGISTRIES_UNAVAILABLE);
    assertThat(failure(set(), request("gamma")).code()).isEqualTo(ErrorCode.NO_REGISTRIES);
  }

  @Test
  void reportsSignedClaimTrustScoreDescriptionAndTheResolvedPackage() {
    Release signed = new Release("1.2.0", integrity("g"), null,
        new dev.mp.registry.PackageSource.Archive("https://plugins.team.dev/packages/gamma-1.2.0.tgz"), List.of(), true,
        null);
    RegistrySet registries = set(registry("team", 75, new PluginEntry("gamma", "Gamma", 85, List.of(signed))));
    ResolvedPlugin gamma = resolve(registries, request("gamma")).find("gamma").orElseThrow();
    assertThat(gamma.signature()).isEqualTo(SignatureStatus.CLAIMED);
    assertThat(gamma.withSignature(SignatureStatus.VERIFIED).signature()).isEqualTo(SignatureStatus.VERIFIED);
    assertThat(gamma.trustScore()).isEqualTo(85);
    assertThat(gamma.description()).isEqualTo("Gamma");
    assertThat(gamma.integrity()).isEqualTo(integrity("g"));
    assertThat(gamma.source().resolved(project)).isEqualTo("https://plugins.team.dev/packages/gamma-1.2.0.tgz");
  }

  @Test
  void resultIsSortedByNameWhateverTheRequestOrder() {
    RegistrySet registries = set(registry("team", 75,
        simple("gamma", "1.0.0", "t"), simple("alpha", "1.0.0", "t"), simple("beta", "1.0.0", "t")));
    assertThat(resolve(registries, request("gamma", "beta", "alpha")).plugins())
        .extracting(ResolvedPlugin::name).containsExactly("alpha", "beta", "gamma");
    assertThat(resolve(registries, request("gamma", "beta", "alpha")))
        .isEqualTo(resolve(registries, request("alpha", "gamma", "beta")));
  }

  @Test
  void aPluginRequestedTwiceMustSatisfyBothRanges() {
    PluginEntry gamma = plugin("gamma", release("1.5.0", integrity("a")), release("1.2.9", integrity("b")),
        release("1.1.0", integrity("c")));
    RegistrySet registries = set(registry("team", 75, gamma));
    ResolvedPlugin resolved = resolve(registries, request("gamma@^1.1", "gamma@<1.3")).find("gamma").orElseThrow();
    assertThat(resolved.version()).isEqualTo("1.2.9");
    assertThat(resolved.constraints()).extracting(Constraint::range).containsExactly("<1.3", "^1.1");
  }

  @Test
  void rejectsMalformedSpecsAndPreferencesForUnknownRegistries() {
    RegistrySet registries = set(registry("team", 75, simple("gamma", "1.0.0", "t")));
    MpException badRange = failure(registries, request("gamma@^^1"));
    assertThat(badRange.code()).isEqualTo(ErrorCode.USAGE_ERROR);
    assertThat(badRange.getMessage()).isEqualTo("`gamma@^^1`: invalid version range `^^1`: `^^1` is not a version comparator");
    MpException unknown = failure(registries, request("gamma").withPreferences(Map.of("gamma", "tema")));
    assertThat(unknown.code()).isEqualTo(ErrorCode.USAGE_ERROR);
    assertThat(unknown.getMessage()).isEqualTo("`--prefer gamma=tema`: no registry `tema` is configured and enabled");
    assertThat(unknown.hints()).first().isEqualTo("did you mean `team`?");
  }

  @Test
  void explainsWhyAPreferredRegistryWasNotUsed() {
    RegistrySet registries = set(
        registry("local", 100, simple("gamma", "2.0.0", "l"), simple("beta", "1.0.0", "l")),
        registry("team", 75, simple("gamma", "1.0.0", "t"), simple("beta", "1.0.0", "t")),
        unavailable("mirror", 50, "HTTP 503"));
    Resolution resolution = resolve(registries, request("gamma@^2", "beta")
        .withPreferences(Map.of("gamma", "team", "beta", "mirror")));
    assertThat(resolution.warnings()).containsExactly(
        "registry `mirror` is unavailable and was skipped: HTTP 503",
        "`--prefer beta=mirror` was not used: `mirror` is unavailable; `beta` comes from `local`",
        "`--prefer gamma=team` was not used: `team` has no release of `gamma` satisfying the constraints; "
            + "`gamma` comes from `local`");
  }

  @Test
  void anAnswerOutsideTheChoicesIsAUsageError() {
    String a = integrity("a");
    String b = integrity("b");
    RegistrySet registries = set(registry("local", 100, plugin("gamma", release("1.0.0", a))),
        registry("team", 75, plugin("gamma", release("1.0.0", b))));
    MpException e = (MpException) org.assertj.core.api.Assertions.catchThrowable(() ->
        new RegistryResolver(registries, context(project, new Fixtures.ScriptedTerminal(7)))
            .resolve(request("gamma").withStrategy(dev.mp.config.ConflictStrategy.PROMPT)));
    assertThat(e.code()).isEqualTo(ErrorCode.USAGE_ERROR);
    assertThat(e.hints()).containsExactly("choose with `--prefer gamma=REGISTRY`");
  }

  @Test
  void parsesPreferFlags() {
    assertThat(ResolveRequest.parsePreferences(List.of("gamma=team", "alpha=local", "gamma=team")))
        .containsExactly(Map.entry("alpha", "local"), Map.entry("gamma", "team"));
    assertThatThrownBy(() -> ResolveRequest.parsePreferences(List.of("gamma")))
        .hasMessage("`--prefer gamma`: expected `NAME=REGISTRY`");
    assertThatThrownBy(() -> ResolveRequest.parsePreferences(List.of("gamma=team", "gamma=local")))
        .hasMessage("`--prefer` names two registries for `gamma`: `team` and `local`");
  }

  @Test
  void warnsAboutPreferencesAndLockedSourcesThatCouldNotBeHonoured() {
    RegistrySet registries = set(
        registry("local", 100, simple("gamma", "1.0.0", "l")),
        registry("team", 75, simple("alpha", "1.0.0", "t")));
    Resolution resolution = resolve(registries, request("gamma")
        .withPreferences(Map.of("gamma", "team", "delta", "team"))
        .withLockedSources(Map.of("gamma", "public")));
    assertThat(resolution.warnings()).containsExactly(
        "`--prefer delta=team` was not used: `delta` is not part of this resolution",
        "`--prefer gamma=team` was not used: `team` does not offer `gamma`; `gamma` comes from `local`",
        "the lockfile took `gamma` from `public`, but `public` is not configured or is disabled; `gamma` comes from `local`");
  }
}
