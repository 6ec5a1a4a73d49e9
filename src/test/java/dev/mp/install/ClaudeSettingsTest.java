package dev.mp.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaudeSettingsTest {
  private static final String PATH = "./.claude/plugins";

  private static String update(String existing, List<String> plugins) {
    return update(existing, Set.of(), plugins);
  }

  private static String update(String existing, Set<String> former, List<String> plugins) {
    byte[] bytes = existing == null ? null : existing.getBytes(StandardCharsets.UTF_8);
    return new String(ClaudeSettings.update(bytes, ".claude/settings.json", "mp-shop", PATH, former, plugins),
        StandardCharsets.UTF_8);
  }

  @Test
  void aNewFileIsWrittenAsClaudeCodeWritesSettings() {
    assertThat(update(null, List.of("beta", "alpha"))).isEqualTo("""
        {
          "extraKnownMarketplaces": {
            "mp-shop": {
              "source": {
                "source": "directory",
                "path": "./.claude/plugins"
              }
            }
          },
          "enabledPlugins": {
            "alpha@mp-shop": true,
            "beta@mp-shop": true
          }
        }
        """);
    assertThat(update(null, List.of())).doesNotContain("enabledPlugins");
  }

  @Test
  void everyOtherKeyItsOrderIndentationAndLineEndsAreKeptByteForByte() {
    String existing = "{\r\n"
        + "    \"permissions\": {\"allow\": [\"Bash(git diff:*)\"],   \"deny\": []},\r\n"
        + "    \"model\": \"opus\",\r\n"
        + "    \"env\": {\r\n"
        + "        \"FOO\": \"1\"\r\n"
        + "    }\r\n"
        + "}";
    String updated = update(existing, List.of("alpha"));
    assertThat(updated).startsWith("{\r\n"
        + "    \"permissions\": {\"allow\": [\"Bash(git diff:*)\"],   \"deny\": []},\r\n"
        + "    \"model\": \"opus\",\r\n"
        + "    \"env\": {\r\n"
        + "        \"FOO\": \"1\"\r\n"
        + "    },\r\n"
        + "    \"extraKnownMarketplaces\": {\r\n"
        + "        \"mp-shop\": {\r\n"
        + "            \"source\": {\r\n");
    assertThat(updated).endsWith("    \"enabledPlugins\": {\r\n"
        + "        \"alpha@mp-shop\": true\r\n"
        + "    }\r\n"
        + "}");
    byte[] bytes = updated.getBytes(StandardCharsets.UTF_8);
    assertThat(ClaudeSettings.update(bytes, "settings.json", "mp-shop", PATH, Set.of(), List.of("alpha")))
        .as("nothing to change: the same bytes, not written").isSameAs(bytes);
  }

  @Test
  void onlyTheTwoValuesChangeAndOtherMarketplacesAndPluginsStay() {
    String existing = """
        {
          "enabledPlugins": {
            "formatter@other": true,
            "old@mp-shop": true,
            "alpha@mp-shop": true,
            "disabled@other": false
          },
          "hooks": {},
          "extraKnownMarketplaces": {"other": {"source": {"source": "github", "repo": "o/r"}},
            "mp-shop": {"source": {"source": "directory", "path": "./.claude/plugins"}, "autoUpdate": false}}
        }
        """;
    assertThat(update(existing, List.of("alpha", "beta"))).isEqualTo("""
        {
          "enabledPlugins": {
            "formatter@other": true,
            "alpha@mp-shop": true,
            "disabled@other": false,
            "beta@mp-shop": true
          },
          "hooks": {},
          "extraKnownMarketplaces": {"other": {"source": {"source": "github", "repo": "o/r"}},
            "mp-shop": {"source": {"source": "directory", "path": "./.claude/plugins"}, "autoUpdate": false}}
        }
        """);
  }

  @Test
  void aFileOnOneLineStaysOnOneLine() {
    assertThat(update("{\"model\": \"opus\"}\n", List.of("alpha"))).isEqualTo("{\"model\": \"opus\", "
        + "\"extraKnownMarketplaces\": {\"mp-shop\": {\"source\": {\"source\": \"directory\", \"path\": \"./.claude/plugins\"}}}, "
        + "\"enabledPlugins\": {\"alpha@mp-shop\": true}}\n");
    assertThat(update("{}", List.of())).isEqualTo("""
        {
          "extraKnownMarketplaces": {
            "mp-shop": {
              "source": {
                "source": "directory",
                "path": "./.claude/plugins"
              }
            }
          }
        }""");
  }

  @Test
  void aRenamedMarketplaceLeavesNoTraceOfItsFormerNames() {
    String existing = """
        {
          "extraKnownMarketplaces": {
            "mp-installed": {"source": {"source": "directory", "path": ".claude/plugins/"}},
            "mp-old": {"source": {"source": "directory", "path": "/elsewhere"}},
            "kept": {"source": {"source": "directory", "path": "./vendor/plugins"}}
          },
          "enabledPlugins": {"alpha@mp-installed": true, "alpha@mp-old": true, "x@kept": true}
        }
        """;
    String updated = update(existing, Set.of("mp-old"), List.of("alpha"));
    assertThat(updated).doesNotContain("mp-installed", "mp-old").contains("\"kept\"", "\"x@kept\": true",
        "\"alpha@mp-shop\": true", "\"mp-shop\"");
  }

  @Test
  void aMalformedFileIsAnErrorNamingItsLine() {
    assertThatThrownBy(() -> update("{\n  \"model\": \"opus\",\n  oops\n}", List.of("alpha")))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR);
          assertThat(e.getMessage()).startsWith(".claude/settings.json:3:").contains("malformed JSON");
        });
    assertThatThrownBy(() -> update("[1]", List.of()))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.getMessage()).contains("expected a JSON object"));
    assertThatThrownBy(() -> update("{\"enabledPlugins\": [\"a@b\"]}", List.of()))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.getMessage()).contains("`enabledPlugins` must be an object");
          assertThat(e.hint()).contains("defaults.claudeSettings");
        });
  }
}
