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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.registry.DependencySpec;
import dev.mp.registry.PackageSource;
import dev.mp.registry.RegistrySet;
import dev.mp.registry.Release;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyResolutionTest {
  @TempDir Path project;

  private Resolution resolve(RegistrySet registries, String... specs) {
    return new RegistryResolver(registries, context(project)).resolve(request(specs));
  }

  private MpException failure(RegistrySet registries, String... specs) {
    return catchThrowableOfType(() -> resolve(registries, specs), MpException.class);
  }

  private static List<String> summary(Resolution resolution) {
    return resolution.plugins().stream().map(p -> p.name() + "@" + p.version() + " " + p.registry()).toList();
  }

  /** A release with dependencies in Claude Code's object form. */
  private static Release withDependencies(String version, DependencySpec... dependencies) {
    return release(version, integrity(version + List.of(dependencies)), new PackageSource.Archive("https://x.example/p.tgz"),
        List.of(dependencies));
  }

  @Test
  void resolvesDependenciesTransitivelyAcrossRegistries() {
    RegistrySet registries = set(
        registry("local", 100, simple("app", "1.0.0", "l", "gamma@^1")),
        registry("team", 75, simple("gamma", "1.2.0", "t", "alpha")),
        registry("public", 0, simple("alpha", "3.1.0", "p")));
    Resolution resolution = resolve(registries, "app");
    assertThat(summary(resolution)).containsExactly("alpha@3.1.0 public", "app@1.0.0 local", "gamma@1.2.0 team");
    ResolvedPlugin alpha = resolution.find("alpha").orElseThrow();
    assertThat(alpha.requested()).isFalse();
    assertThat(alpha.requiredBy()).containsExactly("gamma");
    assertThat(alpha.constraints()).containsExactly(new Constraint("*", "gamma", "1.2.0", null));
    assertThat(resolution.find("gamma").orElseThrow().dependencyNames()).containsExactly("alpha");
  }

  @Test
  void intersectsConstraintsOnOnePluginAndTakesTheHighestReleaseSatisfyingAll() {
    RegistrySet registries = set(registry("team", 75,
        simple("gamma", "1.0.0", "t", "alpha@^1.2"),
        simple("delta", "1.0.0", "t", "alpha@<1.5"),
        plugin("alpha", release("1.6.0", integrity("a16")), release("1.4.9", integrity("a149")),
            release("1.3.0", integrity("a13")), release("1.1.0", integrity("a11")))));
    ResolvedPlugin alpha = resolve(registries, "gamma", "delta").find("alpha").orElseThrow();
    assertThat(alpha.version()).isEqualTo("1.4.9");
    assertThat(alpha.requiredBy()).containsExactly("delta", "gamma");
    assertThat(alpha.constraints()).extracting(Constraint::describe)
        .containsExactly("`<1.5` (from delta 1.0.0)", "`^1.2` (from gamma 1.0.0)");
  }

  @Test
  void goesBackToAnOlderReleaseWhenTheNewestCannotFitWithTheOthers() {
    RegistrySet registries = set(registry("team", 75,
        plugin("alpha", release("2.0.0", integrity("a2"), "shared@^2"), release("1.0.0", integrity("a1"), "shared@^1")),
        simple("beta", "1.0.0", "t", "shared@^1"),
        plugin("shared", release("2.3.0", integrity("s2")), release("1.7.0", integrity("s1")))));
    assertThat(summary(resolve(registries, "alpha", "beta")))
        .containsExactly("alpha@1.0.0 team", "beta@1.0.0 team", "shared@1.7.0 team");
  }

  @Test
  void aRegistryPinTakesTheDependencyFromThatRegistryWithoutAConflict() {
    RegistrySet registries = set(
        registry("local", 100, simple("beta", "2.1.5", "local")),
        registry("team", 75,
            plugin("gamma", withDependencies("1.0.0", new DependencySpec("beta", "~2.1.0", "team"))),
            simple("beta", "2.1.3", "team")));
    Resolution resolution = resolve(registries, "gamma");
    ResolvedPlugin beta = resolution.find("beta").orElseThrow();
    assertThat(beta.registry()).isEqualTo("team");
    assertThat(beta.version()).isEqualTo("2.1.3");
    assertThat(beta.reason()).isEqualTo(ChoiceReason.PIN);
    assertThat(beta.constraints()).extracting(Constraint::describe)
        .containsExactly("`~2.1.0` (from gamma 1.0.0, registry `team` only)");
    assertThat(resolution.conflicts()).isEmpty();
    assertThat(beta.alternatives()).extracting(Offer::registry, Offer::satisfies).containsExactly(
        org.assertj.core.groups.Tuple.tuple("local", false));
  }

  @Test
  void aPinToARegistryThatIsNotConfiguredOrUnavailableIsAnError() {
    RegistrySet missing = set(registry("team", 75,
        plugin("gamma", withDependencies("1.0.0", new DependencySpec("beta", "*", "claude-plugins-official"))),
        simple("beta", "1.0.0", "t")));
    MpException e = failure(missing, "gamma");
    assertThat(e.code()).isEqualTo(ErrorCode.DEPENDENCY_ERROR);
    assertThat(e.getMessage()).isEqualTo(
        "`gamma → beta`: must come from registry `claude-plugins-official`, which is not configured or is disabled");
    RegistrySet down = set(unavailable("official", 5, "HTTP 503"), registry("team", 75,
        plugin("gamma", withDependencies("1.0.0", new DependencySpec("beta", "*", "official"))),
        simple("beta", "1.0.0", "t")));
    assertThat(failure(down, "gamma").getMessage())
        .isEqualTo("`gamma → beta`: must come from registry `official`, which is unavailable: HTTP 503");
  }

  @Test
  void twoDependentsPinningDifferentRegistriesCannotBeInstalledTogether() {
    RegistrySet registries = set(
        registry("local", 100, simple("beta", "1.0.0", "l"),
            plugin("delta", withDependencies("1.0.0", new DependencySpec("beta", "*", "local")))),
        registry("team", 75, simple("beta", "1.0.0", "t"),
            plugin("gamma", withDependencies("1.0.0", new DependencySpec("beta", "*", "team")))));
    MpException e = failure(registries, "gamma", "delta");
    assertThat(e.code()).isEqualTo(ErrorCode.DEPENDENCY_ERROR);
    assertThat(e.getMessage()).isEqualTo("`beta` must come from two registries: `local` for `delta` and `team` for `gamma`");
  }

  @Test
  void aMissingDependencyNamesTheChainThatLedToIt() {
    RegistrySet registries = set(
        registry("local", 100, simple("app", "1.0.0", "l", "gamma")),
        registry("team", 75, simple("gamma", "1.2.0", "t", "delta@^1"), simple("deltaa", "1.0.0", "t")),
        unavailable("public", 0, "timeout"));
    MpException e = failure(registries, "app");
    assertThat(e.code()).isEqualTo(ErrorCode.DEPENDENCY_ERROR);
    assertThat(e.exitCode()).isEqualTo(1);
    assertThat(e.getMessage()).isEqualTo("`app → gamma → delta`: not found in any registry");
    assertThat(e.hints()).containsExactly("did you mean `deltaa`?",
        "registries searched: `local`, `team`; unavailable: `public`");
  }

  @Test
  void aRequestedPluginInNoRegistryIsNotFoundWithCloseNames() {
    RegistrySet registries = set(registry("team", 75, simple("gamma", "1.0.0", "t"), simple("gamme", "1.0.0", "t"), simple("gamba", "1.0.0", "t"),
        simple("code-review", "1.0.0", "t")));
    MpException e = failure(registries, "gama");
    assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND);
    assertThat(e.exitCode()).isEqualTo(3);
    assertThat(e.getMessage()).isEqualTo("plugin `gama` not found in any registry");
    assertThat(e.hints()).containsExactly("did you mean `gamba` or `gamma`?", "registries searched: `team`");
    assertThat(failure(registries, "gamm").hints()).first().isEqualTo("did you mean `gamma` or `gamme`?");
    assertThat(failure(registries, "code_review").hints()).first().isEqualTo("did you mean `code-review`?");
    assertThat(failure(registries, "codereviewer").hints()).first().isEqualTo("did you mean `code-review`?");
  }

  @Test
  void aRequestedRangeNoReleaseSatisfiesIsNotFoundAndListsWhatExists() {
    RegistrySet registries = set(
        registry("local", 100, simple("gamma", "0.9.0", "l")),
        registry("team", 75, plugin("gamma", release("1.2.0", integrity("a")), release("1.0.0", integrity("b")))));
    MpException e = failure(registries, "gamma@^5");
    assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND);
    assertThat(e.getMessage()).isEqualTo("no release of `gamma` in any registry satisfies `^5`");
    assertThat(e.hints()).containsExactly("available: `local`: 0.9.0; `team`: 1.2.0, 1.0.0");
  }

  @Test
  void anUnsatisfiableSetNamesEachConstraintAndWhoRequiredIt() {
    RegistrySet registries = set(registry("team", 75,
        simple("gamma", "1.0.0", "t", "alpha@^1"),
        simple("app", "2.0.0", "t", "delta"),
        simple("delta", "1.1.0", "t", "alpha@^2"),
        plugin("alpha", release("2.0.0", integrity("a2")), release("1.4.0", integrity("a1")))));
    MpException e = failure(registries, "gamma", "app");
    assertThat(e.code()).isEqualTo(ErrorCode.DEPENDENCY_ERROR);
    assertThat(e.getMessage()).isEqualTo("no release of `alpha` in any registry satisfies every constraint:\n"
        + "  `alpha@^1` required by `gamma` 1.0.0\n"
        + "  `alpha@^2` required by `app → delta` 1.1.0");
    assertThat(e.hints()).containsExactly("available: `team`: 2.0.0, 1.4.0");
  }

  @Test
  void aConstraintAPluginAlreadyChosenCannotMeetIsAnError() {
    RegistrySet registries = set(registry("team", 75,
        plugin("alpha", release("2.0.0", integrity("a2")), release("1.0.0", integrity("a1"))),
        simple("beta", "1.0.0", "t", "alpha@^2")));
    MpException e = failure(registries, "alpha@1.0.0", "beta");
    assertThat(e.code()).isEqualTo(ErrorCode.DEPENDENCY_ERROR);
    assertThat(e.getMessage()).isEqualTo("no release of `alpha` in any registry satisfies every constraint:\n"
        + "  `alpha@1.0.0` requested\n"
        + "  `alpha@^2` required by `beta` 1.0.0");
    assertThat(e.hints()).containsExactly("`alpha` 1.0.0 from `team` satisfies the others; available: `team`: 2.0.0, 1.0.0");
  }

  @Test
  void whenEveryReleaseFailsTheFirstProblemIsTheErrorAndTheOthersAreHints() {
    RegistrySet registries = set(registry("team", 75,
        plugin("alpha", release("2.0.0", integrity("a2"), "missing"), release("1.0.0", integrity("a1"), "beta@^3")),
        simple("beta", "1.0.0", "t")));
    MpException e = failure(registries, "alpha");
    assertThat(e.code()).isEqualTo(ErrorCode.DEPENDENCY_ERROR);
    assertThat(e.getMessage()).isEqualTo("`alpha → missing`: not found in any registry");
    assertThat(e.hints()).containsExactly("registries searched: `team`",
        "also tried: no release of `beta` in any registry satisfies every constraint:\n"
            + "    `beta@^3` required by `alpha` 1.0.0");
  }

  @Test
  void aCycleIsAnErrorNamingItAndWhereItWasReachedFrom() {
    RegistrySet registries = set(registry("team", 75,
        simple("app", "1.0.0", "t", "alpha"),
        simple("alpha", "1.0.0", "t", "beta"),
        simple("beta", "1.0.0", "t", "alpha"),
        simple("solo", "1.0.0", "t", "solo")));
    MpException e = failure(registries, "app");
    assertThat(e.code()).isEqualTo(ErrorCode.DEPENDENCY_ERROR);
    assertThat(e.getMessage()).isEqualTo("dependency cycle: `alpha → beta → alpha`");
    assertThat(e.hints()).containsExactly("reached from `app → alpha`",
        "plugins cannot depend on themselves, directly or through others");
    assertThat(failure(registries, "alpha").getMessage()).isEqualTo("dependency cycle: `alpha → beta → alpha`");
    assertThat(failure(registries, "solo").getMessage()).isEqualTo("dependency cycle: `solo → solo`");
  }

  @Test
  void anInvalidRangeInAnIndexIsADependencyErrorNamingTheRelease() {
    RegistrySet registries = set(registry("team", 75, simple("gamma", "1.2.0", "t", "alpha@>>1"), simple("alpha", "1.0.0", "t")));
    MpException e = failure(registries, "gamma");
    assertThat(e.code()).isEqualTo(ErrorCode.DEPENDENCY_ERROR);
    assertThat(e.getMessage()).isEqualTo("`gamma`: gamma 1.2.0 from `team` has an invalid range for its dependency `alpha`: "
        + "invalid version range `>>1`: `>>1` is not a version comparator");
  }
}
