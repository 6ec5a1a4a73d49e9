package dev.mp.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.registry.VersionTags;
import org.junit.jupiter.api.Test;

class GitTagListerTest {
  @Test
  void onlyThePluginsStrictSemverTagsCountAndAnAnnotatedTagByItsCommit() {
    String a = "a".repeat(40);
    String b = "b".repeat(40);
    String c = "c".repeat(40);
    String output = String.join("\n",
        a + "\trefs/tags/stripe--v1.0.0",
        b + "\trefs/tags/stripe--v1.2.0",
        c + "\trefs/tags/stripe--v1.2.0^{}",
        a + "\trefs/tags/stripe--v1.2",
        a + "\trefs/tags/stripe--vnext",
        a + "\trefs/tags/stripe-extra--v9.0.0",
        a + "\trefs/tags/v2.0.0",
        a + "\trefs/heads/stripe--v3.0.0",
        "warning: redirecting to https://example.com/",
        a + "\trefs/tags/stripe--v2.0.0-rc.1");
    assertThat(GitTagLister.parse("stripe", output)).containsExactly(
        new VersionTags.Tag("1.0.0", "stripe--v1.0.0", a),
        new VersionTags.Tag("1.2.0", "stripe--v1.2.0", c),
        new VersionTags.Tag("2.0.0-rc.1", "stripe--v2.0.0-rc.1", a));
    assertThat(GitTagLister.parse("other", output)).isEmpty();
  }

  @Test
  void offlineNothingIsAsked() {
    GitTagLister lister = new GitTagLister(java.util.Map.of(), true);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> lister.list("stripe",
        new dev.mp.registry.PackageSource.Git("https://example.invalid/r.git", null, null, null)))
        .hasMessageContaining("--offline");
  }
}
