package dev.mp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketplaceNamesTest {
  @Test
  void theDefaultIsMpAndTheProjectFolderInLowerCase() {
    assertThat(MarketplaceNames.derive(Path.of("/work/shop"))).isEqualTo("mp-shop");
    assertThat(MarketplaceNames.derive(Path.of("/work/My Project (2)"))).isEqualTo("mp-my-project-2");
    assertThat(MarketplaceNames.derive(Path.of("/work/Ünïcödé_app"))).isEqualTo("mp-unicode_app");
    assertThat(MarketplaceNames.derive(Path.of("/work/a..b"))).isEqualTo("mp-a.b");
    assertThat(MarketplaceNames.derive(Path.of("/work/shop/"))).isEqualTo("mp-shop");
    assertThat(MarketplaceNames.derive(Path.of("/work/" + "x".repeat(200)))).isEqualTo("mp-" + "x".repeat(60));
  }

  @Test
  void aFolderThatGivesNoUsableNameGetsAStableHash() {
    for (String folder : List.of("日本語", "...", "official-claude")) {
      String name = MarketplaceNames.derive(Path.of("/work", folder));
      assertThat(name).as(folder).matches("mp-[0-9a-f]{8}").isEqualTo(MarketplaceNames.derive(Path.of("/elsewhere", folder)));
      assertThat(MarketplaceNames.problem(name)).isNull();
    }
    assertThat(MarketplaceNames.derive(Path.of("/"))).matches("mp-[0-9a-f]{8}");
  }

  @Test
  void namesClaudeCodeRefusesHaveAReason() {
    for (String name : List.of("my shop", "-x", "x..y", "ünï", "a/b", "builtin", "Agent-Skills", "claudeai-team",
        "claude-official", "official_anthropic_tools", "anthropic-plugins", "Claude.Marketplace", "x".repeat(129))) {
      assertThat(MarketplaceNames.problem(name)).as(name).isNotNull();
    }
    for (String name : List.of("mp-shop", "team-tools", "claude_tools", "anthropic-x-plugins", "official", "x".repeat(128))) {
      assertThat(MarketplaceNames.problem(name)).as(name).isNull();
    }
  }
}
