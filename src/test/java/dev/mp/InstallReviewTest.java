package dev.mp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.install.PlannedPlugin;
import dev.mp.install.StagedPlugin;
import dev.mp.install.StagedReview;
import dev.mp.registry.PackageSource;
import dev.mp.registry.Release;
import dev.mp.registry.ReleaseDetails;
import dev.mp.resolve.ChoiceReason;
import dev.mp.resolve.Resolution;
import dev.mp.resolve.ResolvedPlugin;
import dev.mp.resolve.SignatureStatus;
import dev.mp.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check {@code mp install} makes on fetched files before the swap: capabilities from the verified
 * tree together with the marketplace entry's fields (a release's {@code entryFields}), judged again when
 * a rule is about them.
 */
class InstallReviewTest {
  @TempDir Path project;

  private static final String ENTRY = "{\"strict\": false, \"hooks\": {\"Stop\": [{\"hooks\": [{\"type\": \"command\","
      + " \"command\": \"x\"}]}]}}";

  private StagedReview review(String policy, String entryFields) {
    TestFiles.write(project.resolve(".claude/registries.json"),
        "{\"registries\": [{\"name\": \"market\", \"url\": \"https://m.example/marketplace.json\", \"policy\": \"open\"}]}");
    TestFiles.write(project.resolve(".claude/policies/plugins.yaml"), policy);
    PackageSource git = new PackageSource.Git("https://github.com/o/r.git", null, "b".repeat(40), null);
    Release release = new Release("1.0.0", null, null, git, List.of(), false, null,
        ReleaseDetails.NONE.withEntryFields(entryFields));
    ResolvedPlugin plugin = new ResolvedPlugin("tool", "market", release, null, null, SignatureStatus.UNSIGNED,
        ChoiceReason.PRIORITY, true, List.of(), List.of(), List.of());
    Federation federation = new Federation(Context.of(project, Map.of("HOME", project.toString())));
    return Installs.review(federation, new Resolution(List.of(plugin), List.of(), List.of(), null));
  }

  private StagedPlugin staged() {
    Path folder = project.resolve("staging/tool");
    TestFiles.write(folder.resolve("commands/go.md"), "# go\n");
    PlannedPlugin plan = new PlannedPlugin("tool", "1.0.0", "market", "https://m.example/marketplace.json",
        new PackageSource.Folder(folder), null, null, List.of(), false, null, null);
    return new StagedPlugin(plan, plan.version(), folder, "sha512-x", null, "./staging/tool", List.of(), null);
  }

  @Test
  void theEntryFieldsCountWithTheFilesAndADenyOnThemStopsTheInstall() {
    StagedReview review = review("""
        rules:
          - {action: deny, plugins: ["*"], capabilities: [hooks], reason: "no hooks"}
        """, ENTRY);
    StagedPlugin staged = staged();
    var capabilities = review.capabilities(staged);
    assertThat(capabilities.describe()).isEqualTo("hooks (Stop), commands (go)");

    TreeMap<String, StagedPlugin> all = new TreeMap<>(Map.of("tool", staged.withCapabilities(capabilities)));
    assertThatThrownBy(() -> review.approve(all)).isInstanceOfSatisfying(MpException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.POLICY_DENIED);
      assertThat(e.getMessage()).contains("rule 1 (deny): no hooks", "judged on its fetched files");
      assertThat(e.hints()).singleElement().asString().contains("--capability hooks --capability commands");
    });
    assertThat(Files.exists(project.resolve(".claude/federation-audit.jsonl"))).isTrue();
  }

  @Test
  void withoutARuleOnCapabilitiesNothingIsJudgedAgain() {
    StagedReview review = review("rules: []\n", ENTRY);
    StagedPlugin staged = staged();
    review.approve(new TreeMap<>(Map.of("tool", staged.withCapabilities(review.capabilities(staged)))));
    assertThat(Files.exists(project.resolve(".claude/federation-audit.jsonl"))).isFalse();
  }
}
