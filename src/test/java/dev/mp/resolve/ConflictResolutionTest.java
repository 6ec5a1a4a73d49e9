package dev.mp.resolve;

import static dev.mp.resolve.Fixtures.context;
import static dev.mp.resolve.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.Terminal;
import dev.mp.config.ConflictStrategy;
import dev.mp.config.ProjectLayout;
import dev.mp.integrity.TreeHash;
import dev.mp.io.Json;
import dev.mp.registry.DependencySpec;
import dev.mp.registry.InMemoryIndex;
import dev.mp.registry.LoadedRegistry;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.RegistrySet;
import dev.mp.registry.Release;
import dev.mp.config.RegistrySpec;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conflicts between registries holding real plugin folders, hashed with the canonical tree hash. */
class ConflictResolutionTest {
  @TempDir Path project;
  private Path audit;

  @BeforeEach
  void paths() {
    audit = project.resolve(ProjectLayout.AUDIT_FILE);
  }

  /** A plugin folder under {@code registries/<registry>/<name>}, its content marked by {@code body}. */
  private Release folderRelease(String registry, String name, String version, String body, String... dependencies) {
    Path folder = project.resolve("registries").resolve(registry).resolve(name);
    TestFiles.write(folder.resolve(".claude-plugin/plugin.json"),
        "{\"name\": \"" + name + "\", \"version\": \"" + version + "\"}\n");
    TestFiles.write(folder.resolve("commands/" + name + ".md"), body + "\n");
    return new Release(version, TreeHash.of(folder), null, new PackageSource.Folder(folder),
        java.util.Arrays.stream(dependencies).map(DependencySpec::parse).toList(), false, null);
  }

  private static LoadedRegistry registry(String name, int priority, List<PluginEntry> entries) {
    return LoadedRegistry.fresh(RegistrySpec.of(name, "./registries/" + name, priority), new InMemoryIndex(entries));
  }

  private static PluginEntry entry(String name, Release release) {
    return new PluginEntry(name, null, null, List.of(release));
  }

  /** local (100) and public (0) offer different `gamma`; team (75) offers the same as local. */
  private RegistrySet forkedGamma() {
    return new RegistrySet(List.of(
        registry("local", 100, List.of(entry("gamma", folderRelease("local", "gamma", "1.2.0", "original")))),
        registry("team", 75, List.of(entry("gamma", folderRelease("team", "gamma", "1.2.0", "original")))),
        registry("public", 0, List.of(entry("gamma", folderRelease("public", "gamma", "1.2.0", "forked"))))));
  }

  private Resolution resolve(RegistrySet registries, ResolveRequest request, Terminal terminal) {
    return new RegistryResolver(registries, context(project, terminal)).resolve(request);
  }

  private List<JsonNode> auditLines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(audit)) {
      lines.add(Json.mapper().readTree(line));
    }
    return lines;
  }

  @Test
  void identicalContentInSeveralRegistriesIsNoConflict() {
    RegistrySet registries = new RegistrySet(List.of(
        registry("local", 100, List.of(entry("gamma", folderRelease("local", "gamma", "1.2.0", "same")))),
        registry("team", 75, List.of(entry("gamma", folderRelease("team", "gamma", "1.2.0", "same"))))));
    Resolution resolution = resolve(registries, request("gamma").withStrategy(ConflictStrategy.ERROR), Terminal.NONE);
    assertThat(resolution.conflicts()).isEmpty();
    assertThat(resolution.find("gamma").orElseThrow().alternatives()).extracting(Offer::registry).containsExactly("team");
    assertThat(audit).doesNotExist();
  }

  @Test
  void highestPriorityTakesTheWinnerAndRecordsTheConflictInTheAuditTrail() throws IOException {
    Resolution resolution = resolve(forkedGamma(), request("gamma"), Terminal.NONE);
    assertThat(resolution.find("gamma").orElseThrow().registry()).isEqualTo("local");
    Conflict conflict = resolution.conflicts().get(0);
    assertThat(conflict.sources()).extracting(Offer::registry).containsExactly("local", "team", "public");
    assertThat(conflict.chosen()).isEqualTo("local");
    assertThat(conflict.how()).isEqualTo(ChoiceReason.PRIORITY);
    assertThat(conflict.unverifiable()).isFalse();
    String original = TreeHash.of(project.resolve("registries/local/gamma"));
    String forked = TreeHash.of(project.resolve("registries/public/gamma"));
    assertThat(Files.readAllLines(audit)).containsExactly("{\"time\":\"2026-03-01T10:00:00Z\",\"event\":\"conflict\","
        + "\"plugin\":\"gamma\",\"sources\":["
        + "{\"registry\":\"local\",\"version\":\"1.2.0\",\"integrity\":\"" + original + "\",\"resolved\":\"./registries/local/gamma\"},"
        + "{\"registry\":\"team\",\"version\":\"1.2.0\",\"integrity\":\"" + original + "\",\"resolved\":\"./registries/team/gamma\"},"
        + "{\"registry\":\"public\",\"version\":\"1.2.0\",\"integrity\":\"" + forked + "\",\"resolved\":\"./registries/public/gamma\"}],"
        + "\"unverifiable\":false,\"strategy\":\"highest-priority\",\"outcome\":\"local\",\"how\":\"priority\"}");
  }

  @Test
  void errorStrategyFailsListingEverySourceAndHowToChoose() throws IOException {
    MpException e = catchThrowableOfType(
        () -> resolve(forkedGamma(), request("gamma").withStrategy(ConflictStrategy.ERROR), Terminal.NONE),
        MpException.class);
    String original = TreeHash.of(project.resolve("registries/local/gamma"));
    String forked = TreeHash.of(project.resolve("registries/public/gamma"));
    assertThat(e.code()).isEqualTo(ErrorCode.UNRESOLVED_CONFLICT);
    assertThat(e.exitCode()).isEqualTo(1);
    assertThat(e.getMessage()).isEqualTo("`gamma` is offered with different content by 3 registries:\n"
        + "  `local` (priority 100): 1.2.0, " + original + "\n"
        + "  `team` (priority 75): 1.2.0, " + original + "\n"
        + "  `public` (priority 0): 1.2.0, " + forked);
    assertThat(e.hints()).containsExactly(
        "choose with `--prefer gamma=local` or `--prefer gamma=team` or `--prefer gamma=public`",
        "or take the highest-priority registry by setting `defaults.conflictResolution` to `highest-priority`");
    JsonNode line = auditLines().get(0);
    assertThat(line.get("outcome").asText()).isEqualTo("error");
    assertThat(line.get("how").isNull()).isTrue();
    assertThat(line.get("strategy").asText()).isEqualTo("error");
  }

  @Test
  void preferSettlesAConflictUnderEveryStrategy() throws IOException {
    RegistrySet registries = forkedGamma();
    for (ConflictStrategy strategy : ConflictStrategy.values()) {
      Resolution resolution = resolve(registries,
          request("gamma").withStrategy(strategy).withPreferences(Map.of("gamma", "public")), Terminal.NONE);
      assertThat(resolution.find("gamma").orElseThrow().registry()).as(strategy.wire()).isEqualTo("public");
      assertThat(resolution.find("gamma").orElseThrow().reason()).isEqualTo(ChoiceReason.PREFER);
      assertThat(resolution.conflicts().get(0).how()).isEqualTo(ChoiceReason.PREFER);
    }
    assertThat(auditLines()).extracting(line -> line.get("outcome").asText() + " " + line.get("how").asText())
        .containsExactly("public prefer", "public prefer", "public prefer");
  }

  @Test
  void theLockfileSourceIsARememberedChoiceAndAnExplicitPreferenceOverridesIt() throws IOException {
    RegistrySet registries = forkedGamma();
    ResolveRequest locked = request("gamma").withStrategy(ConflictStrategy.ERROR).withLockedSources(Map.of("gamma", "public"));
    Resolution resolution = resolve(registries, locked, Terminal.NONE);
    assertThat(resolution.find("gamma").orElseThrow().registry()).isEqualTo("public");
    assertThat(resolution.conflicts().get(0).how()).isEqualTo(ChoiceReason.LOCKFILE);
    assertThat(resolution.warnings()).isEmpty();
    Resolution overridden = resolve(registries, locked.withPreferences(Map.of("gamma", "team")), Terminal.NONE);
    assertThat(overridden.find("gamma").orElseThrow().registry()).isEqualTo("team");
    assertThat(overridden.find("gamma").orElseThrow().reason()).isEqualTo(ChoiceReason.PREFER);
    assertThat(auditLines()).extracting(line -> line.get("how").asText()).containsExactly("lockfile", "prefer");
  }

  @Test
  void promptAsksOnATerminalWithEachSourceVersionAndIntegrity() throws IOException {
    Fixtures.ScriptedTerminal terminal = new Fixtures.ScriptedTerminal(2);
    Resolution resolution = resolve(forkedGamma(), request("gamma").withStrategy(ConflictStrategy.PROMPT), terminal);
    String original = TreeHash.of(project.resolve("registries/local/gamma"));
    String forked = TreeHash.of(project.resolve("registries/public/gamma"));
    assertThat(terminal.questions).containsExactly("`gamma` is offered by 3 registries with different content; which should be used?");
    assertThat(terminal.choices.get(0)).containsExactly(
        "local: gamma 1.2.0, " + original + " (./registries/local/gamma)",
        "team: gamma 1.2.0, " + original + " (./registries/team/gamma)",
        "public: gamma 1.2.0, " + forked + " (./registries/public/gamma)");
    ResolvedPlugin gamma = resolution.find("gamma").orElseThrow();
    assertThat(gamma.registry()).isEqualTo("public");
    assertThat(gamma.reason()).isEqualTo(ChoiceReason.PROMPT);
    assertThat(resolution.conflicts().get(0).how()).isEqualTo(ChoiceReason.PROMPT);
    assertThat(auditLines()).extracting(line -> line.get("outcome").asText() + " " + line.get("how").asText())
        .containsExactly("public prompt");
  }

  @Test
  void aRememberedChoiceIsNotAskedAgain() {
    Fixtures.ScriptedTerminal terminal = new Fixtures.ScriptedTerminal();
    Resolution resolution = resolve(forkedGamma(),
        request("gamma").withStrategy(ConflictStrategy.PROMPT).withLockedSources(Map.of("gamma", "team")), terminal);
    assertThat(terminal.questions).isEmpty();
    assertThat(resolution.find("gamma").orElseThrow().registry()).isEqualTo("team");
  }

  @Test
  void theAnswerAtThePromptDecidesWhichDependenciesAreResolved() {
    RegistrySet registries = new RegistrySet(List.of(
        registry("local", 100, List.of(entry("gamma", folderRelease("local", "gamma", "1.0.0", "mine")))),
        registry("public", 0, List.of(
            entry("gamma", folderRelease("public", "gamma", "1.0.0", "theirs", "delta@^2")),
            entry("delta", folderRelease("public", "delta", "2.1.0", "delta"))))));
    Fixtures.ScriptedTerminal terminal = new Fixtures.ScriptedTerminal(1);
    Resolution resolution = resolve(registries, request("gamma").withStrategy(ConflictStrategy.PROMPT), terminal);
    assertThat(resolution.plugins()).extracting(p -> p.name() + "@" + p.version() + " from " + p.registry())
        .containsExactly("delta@2.1.0 from public", "gamma@1.0.0 from public");
    assertThat(terminal.questions).hasSize(1);
  }

  @Test
  void promptWithoutATerminalFailsLikeErrorAndSaysHowToChoose() {
    MpException e = catchThrowableOfType(
        () -> resolve(forkedGamma(), request("gamma").withStrategy(ConflictStrategy.PROMPT), Terminal.NONE),
        MpException.class);
    assertThat(e.code()).isEqualTo(ErrorCode.UNRESOLVED_CONFLICT);
    assertThat(e.hints()).containsExactly(
        "choose with `--prefer gamma=local` or `--prefer gamma=team` or `--prefer gamma=public`",
        "the `prompt` strategy asks only on an interactive terminal; there is none here");
  }

  @Test
  void severalUnresolvedConflictsAreReportedTogether() {
    RegistrySet registries = new RegistrySet(List.of(
        registry("local", 100, List.of(entry("alpha", folderRelease("local", "alpha", "1.0.0", "a1")),
            entry("gamma", folderRelease("local", "gamma", "1.0.0", "g1")))),
        registry("public", 0, List.of(entry("alpha", folderRelease("public", "alpha", "1.0.0", "a2")),
            entry("gamma", folderRelease("public", "gamma", "1.0.0", "g2"))))));
    MpException e = catchThrowableOfType(
        () -> resolve(registries, request("gamma", "alpha").withStrategy(ConflictStrategy.ERROR), Terminal.NONE),
        MpException.class);
    assertThat(e.getMessage()).startsWith("2 plugins are offered with different content by several registries:\n  `alpha`:");
    assertThat(e.hints()).hasSize(3);
  }

  @Test
  void unknownIntegrityIsNoConflictOnlyForTheSamePinnedGitSource() {
    String sha = "3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a";
    Release viaMarketplace = new Release(sha, null, null,
        new PackageSource.Git("https://github.com/acme/tools.git", null, sha, "plugins/gamma"), List.of(), false, null);
    Release sameCommit = new Release(sha, null, null,
        new PackageSource.Git("https://GitHub.com/acme/tools/", "main", sha.toUpperCase(java.util.Locale.ROOT), "./plugins/gamma/"),
        List.of(), false, null);
    Release otherRepository = new Release(sha, null, null,
        new PackageSource.Git("https://github.com/mallory/tools.git", null, sha, "plugins/gamma"), List.of(), false, null);
    RegistrySet same = new RegistrySet(List.of(registry("official", 10, List.of(entry("gamma", viaMarketplace))),
        registry("mirror", 5, List.of(entry("gamma", sameCommit)))));
    assertThat(resolve(same, request("gamma").withStrategy(ConflictStrategy.ERROR), Terminal.NONE).conflicts()).isEmpty();
    RegistrySet different = new RegistrySet(List.of(registry("official", 10, List.of(entry("gamma", viaMarketplace))),
        registry("mirror", 5, List.of(entry("gamma", otherRepository)))));
    Conflict conflict = resolve(different, request("gamma"), Terminal.NONE).conflicts().get(0);
    assertThat(conflict.unverifiable()).isTrue();
    MpException e = catchThrowableOfType(
        () -> resolve(different, request("gamma").withStrategy(ConflictStrategy.ERROR), Terminal.NONE), MpException.class);
    assertThat(e.getMessage()).startsWith("`gamma` is offered with content that cannot be proven the same by 2 registries:")
        .contains("integrity unknown");
  }

  @Test
  void theAuditTrailIsAppendedToNeverRewrittenAndNeverHoldsCredentials() throws IOException {
    TestFiles.write(audit, "{\"time\":\"2026-01-01T00:00:00Z\",\"event\":\"policy-denied\",\"plugin\":\"x\"}\n");
    Release secret = new Release("1.0.0", Fixtures.integrity("secret"), null,
        new PackageSource.Archive("https://deploy:hunter2@plugins.team.dev/gamma.tgz?token=abc&v=1"), List.of(), false, null);
    Release open = new Release("1.0.0", Fixtures.integrity("open"), null,
        new PackageSource.Archive("https://example.org/gamma.tgz"), List.of(), false, null);
    RegistrySet registries = new RegistrySet(List.of(registry("team", 75, List.of(entry("gamma", secret))),
        registry("public", 0, List.of(entry("gamma", open)))));
    resolve(registries, request("gamma"), Terminal.NONE);
    resolve(registries, request("gamma"), Terminal.NONE);
    List<String> lines = Files.readAllLines(audit);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("{\"time\":\"2026-01-01T00:00:00Z\",\"event\":\"policy-denied\",\"plugin\":\"x\"}");
    assertThat(lines.get(1)).isEqualTo(lines.get(2)).doesNotContain("hunter2").doesNotContain("abc")
        .contains("https://***@plugins.team.dev/gamma.tgz?token=***&v=1");
  }

  @Test
  void registriesAreComparedReleaseForReleaseSoAMirrorIsNoConflict() {
    // Both offer 1.0.0 and 0.9.0; 1.0.0 needs an `alpha` nobody has, so 0.9.0 is taken from `local`.
    List<PluginEntry> mirrored = List.of(
        Fixtures.plugin("gamma", Fixtures.release("1.0.0", Fixtures.integrity("g1"), "alpha@^1"),
            Fixtures.release("0.9.0", Fixtures.integrity("g09"))),
        Fixtures.simple("alpha", "0.1.0", "a"));
    RegistrySet registries = new RegistrySet(List.of(registry("local", 100, mirrored), registry("team", 75, mirrored)));
    Resolution resolution = resolve(registries, request("gamma").withStrategy(ConflictStrategy.ERROR), Terminal.NONE);
    assertThat(resolution.find("gamma").orElseThrow().version()).isEqualTo("0.9.0");
    assertThat(resolution.conflicts()).isEmpty();
  }

  @Test
  void aHigherVersionOnlyInAnotherRegistryIsAConflict() {
    RegistrySet registries = new RegistrySet(List.of(
        registry("team", 75, List.of(Fixtures.simple("gamma", "1.2.0", "internal"))),
        registry("public", 0, List.of(Fixtures.simple("gamma", "99.0.0", "attacker")))));
    Conflict conflict = resolve(registries, request("gamma"), Terminal.NONE).conflicts().get(0);
    assertThat(conflict.sources()).extracting(Offer::registry, Offer::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "1.2.0"),
            org.assertj.core.groups.Tuple.tuple("public", "99.0.0"));
    assertThat(conflict.chosen()).isEqualTo("team");
  }

  @Test
  void noAuditLineWhenTheRequestSaysSo() {
    resolve(forkedGamma(), request("gamma").withAudit(false), Terminal.NONE);
    assertThat(audit).doesNotExist();
  }
}
