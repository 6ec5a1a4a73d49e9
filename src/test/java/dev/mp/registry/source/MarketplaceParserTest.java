package dev.mp.registry.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.ErrorCode;
import dev.mp.integrity.TreeHash;
import dev.mp.io.JsonDocument;
import dev.mp.registry.DependencySpec;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginEntry;
import dev.mp.testing.TestFiles;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarketplaceParserTest {
  @TempDir Path root;
  private final List<String> warnings = new ArrayList<>();

  private Map<String, MarketplaceParser.Entry> local(String json) {
    return entries(MarketplaceParser.parseLocal(document(json), root, new ParseWarnings("registry `m`", warnings::add)));
  }

  private Map<String, MarketplaceParser.Entry> remote(String json, PackageSource.Git repository) {
    return entries(MarketplaceParser.parseRemote(document(json), repository, new ParseWarnings("registry `m`", warnings::add)));
  }

  private static JsonDocument document(String json) {
    return JsonDocument.parseJson("marketplace.json", json.getBytes(StandardCharsets.UTF_8), ErrorCode.INDEX_INVALID);
  }

  private static Map<String, MarketplaceParser.Entry> entries(MarketplaceParser.Marketplace marketplace) {
    Map<String, MarketplaceParser.Entry> byName = new LinkedHashMap<>();
    marketplace.entries().forEach(entry -> byName.put(entry.plugin().name(), entry));
    return byName;
  }

  private void plugin(String folder, String manifest) {
    TestFiles.write(root.resolve(folder).resolve("README.md"), "# " + folder + "\n");
    if (manifest != null) {
      TestFiles.write(root.resolve(folder).resolve(".claude-plugin/plugin.json"), manifest);
    }
  }

  @Test
  void versionsFollowClaudeCodesOrder() {
    plugin("plugins/own", "{\"name\": \"own\", \"version\": \"2.0.0\", \"description\": \"from plugin.json\"}");
    plugin("plugins/bare", null);
    Map<String, MarketplaceParser.Entry> entries = local("""
        {"name": "m", "plugins": [
          {"name": "own", "source": "./plugins/own", "version": "1.0.0"},
          {"name": "entry", "source": "./plugins/bare", "version": "1.5.0", "strict": false},
          {"name": "pinned", "source": {"source": "github", "repo": "o/r", "ref": "v3", "sha": "abcdef1234567890abcdef1234567890abcdef12"}},
          {"name": "pinned-subdir", "source": {"source": "git-subdir", "url": "o/r", "path": "./tools/p/", "sha": "0a783bc61ed0debe51603bce84a36d6b6e574813"}},
          {"name": "archived", "source": {"source": "archive", "url": "https://example.com/p.zip", "sha256": "ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789"}},
          {"name": "archived-unpinned", "source": {"source": "archive", "url": "https://example.com/p.zip"}},
          {"name": "tagged", "source": {"source": "github", "repo": "o/t", "ref": "v3"}},
          {"name": "nothing", "source": {"source": "github", "repo": "o/n"}},
          {"name": "none-local", "source": "./plugins/bare"}
        ]}
        """);
    assertThat(entries.get("own").plugin().latest().version()).isEqualTo("2.0.0");
    assertThat(entries.get("own").plugin().description()).isEqualTo("from plugin.json");
    assertThat(entries.get("entry").plugin().latest().version()).isEqualTo("1.5.0");
    // Claude Code: the commit cut to 12 digits, a git-subdir's with 8 digits of SHA-256("tools/p") (measured with
    // the real CLI), an archive's sha256 cut to 12 digits; a ref is never a version; else `unknown`.
    assertThat(entries.get("pinned").plugin().latest().version()).isEqualTo("abcdef123456");
    assertThat(entries.get("pinned-subdir").plugin().latest().version()).isEqualTo("0a783bc61ed0-7a72d72a");
    assertThat(entries.get("archived").plugin().latest().version()).isEqualTo("abcdef012345");
    assertThat(entries.get("archived-unpinned").plugin().latest().version()).isEqualTo("unknown");
    assertThat(entries.get("tagged").plugin().latest().version()).isEqualTo("unknown");
    assertThat(entries.get("nothing").plugin().latest().version()).isEqualTo("unknown");
    assertThat(entries.get("none-local").plugin().latest().version()).isEqualTo("unknown");
    assertThat(warnings).isEmpty();
  }

  @Test
  void relativeFoldersResolveAsClaudeCodeResolvesThem() {
    plugin("plugins/a", "{\"name\": \"a\", \"version\": \"1.0.0\"}");
    plugin("plugins/b", "{\"name\": \"b\", \"version\": \"1.0.0\"}");
    plugin("c", "{\"name\": \"c\", \"version\": \"1.0.0\"}");
    Map<String, MarketplaceParser.Entry> entries = local("""
        {"metadata": {"pluginRoot": "./plugins"}, "plugins": [
          {"name": "a", "source": "./plugins/a"},
          {"name": "b", "source": "b"},
          {"name": "b2", "source": "./b"},
          {"name": "c", "source": "./c"},
          {"name": "whole", "source": "./"},
          {"name": "dot", "source": "."},
          {"name": "no-dot-slash", "source": "plugins/a"}
        ]}
        """);
    assertThat(folder(entries, "a")).isEqualTo(root.resolve("plugins/a"));
    assertThat(folder(entries, "b")).isEqualTo(root.resolve("plugins/b"));
    assertThat(folder(entries, "c")).isEqualTo(root.resolve("c"));
    assertThat(folder(entries, "whole")).isEqualTo(root);
    assertThat(folder(entries, "dot")).isEqualTo(root);
    assertThat(entries.get("a").plugin().latest().integrity()).isEqualTo(TreeHash.of(root.resolve("plugins/a")));
    // `./x` is relative to the marketplace root only: `pluginRoot` applies to bare names.
    assertThat(entries.get("b2").plugin().latest().source()).isInstanceOf(PackageSource.Unsupported.class);
    assertThat(entries.get("no-dot-slash").plugin().latest().source()).isInstanceOfSatisfying(
        PackageSource.Unsupported.class, source -> assertThat(source.reason()).contains("must start with `./`"));
    assertThat(entries.values()).allSatisfy(entry -> assertThat(entry.sourceKind()).isEqualTo("relative-path"));
    assertThat(warnings).containsExactly(
        "registry `m`: marketplace.json:4:3: plugin `b2`: the plugin folder `./b` does not exist in the marketplace",
        "registry `m`: marketplace.json:8:3: plugin `no-dot-slash`: source `plugins/a` must start with `./`");
  }

  @Test
  void aBareSourceNeedsAPluginRootInsideTheMarketplace() {
    plugin("x", "{\"name\": \"x\"}");
    Map<String, MarketplaceParser.Entry> withoutRoot = local("{\"plugins\": [{\"name\": \"x\", \"source\": \"x\"}]}");
    assertThat(withoutRoot.get("x").plugin().latest().source()).isInstanceOf(PackageSource.Unsupported.class);
    Map<String, MarketplaceParser.Entry> rootItself = local(
        "{\"metadata\": {\"pluginRoot\": \".\"}, \"plugins\": [{\"name\": \"x\", \"source\": \"x\"}]}");
    assertThat(folder(rootItself, "x")).isEqualTo(root.resolve("x"));
    Map<String, MarketplaceParser.Entry> outside = local(
        "{\"metadata\": {\"pluginRoot\": \"../elsewhere\"}, \"plugins\": [{\"name\": \"x\", \"source\": \"x\"}]}");
    assertThat(outside.get("x").plugin().latest().source()).isInstanceOf(PackageSource.Unsupported.class);
    assertThat(warnings).hasSize(3).anySatisfy(w -> assertThat(w).contains("`pluginRoot` must stay inside"))
        .allSatisfy(w -> assertThat(w).doesNotContain("Exception"));
  }

  @Test
  void everyNameClaudeCodeListsIsKept() {
    plugin("p", null);
    Map<String, MarketplaceParser.Entry> entries = local("""
        {"plugins": [
          {"name": "a:b", "source": "./p"}, {"name": "ünï", "source": "./p"}, {"name": "Upper.Case", "source": "./p"},
          {"name": "x/y", "source": "./p"}, {"name": "has space", "source": "./p"}, {"name": "tab\\tx", "source": "./p"}
        ]}
        """);
    assertThat(entries).containsOnlyKeys("a:b", "ünï", "Upper.Case", "x/y");
    assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w).contains("which Claude Code does not accept; skipped"));
  }

  @Test
  void theEntrysOtherFieldsAreKeptForTheGeneratedMarketplace() {
    plugin("p", null);
    Map<String, MarketplaceParser.Entry> entries = local("""
        {"name": "m", "plugins": [{"name": "p", "source": "./p", "version": "1.0.0", "description": "d",
          "strict": false, "hooks": {"SessionStart": [{"hooks": [{"type": "command", "command": "echo hi"}]}]},
          "commands": ["./commands/"], "category": "tools", "dependencies": ["lib"]},
          {"name": "plain", "source": "./p"}]}
        """);
    assertThat(entries.get("p").plugin().latest().details().entryFields()).isEqualTo("{\"category\":\"tools\","
        + "\"commands\":[\"./commands/\"],\"hooks\":{\"SessionStart\":[{\"hooks\":[{\"command\":\"echo hi\","
        + "\"type\":\"command\"}]}]},\"strict\":false}");
    assertThat(entries.get("plain").plugin().latest().details().entryFields()).isNull();
  }

  @Test
  void sourceObjectsBecomeGitOrUnsupportedSources() {
    Map<String, MarketplaceParser.Entry> entries = local("""
        {"plugins": [
          {"name": "gh", "source": {"source": "github", "repo": "owner/repo", "ref": "main"}},
          {"name": "url", "source": {"source": "url", "url": "https://gitlab.example/x/y.git", "sha": "0123456789abcdef0123456789abcdef01234567"}},
          {"name": "url-path", "source": {"source": "url", "url": "https://github.com/o/r.git", "path": "claude-plugin/p", "sha": "0123456789abcdef0123456789abcdef01234567"}},
          {"name": "subdir", "source": {"source": "git-subdir", "url": "GoogleCloudPlatform/db-context-enrichment", "path": "plugin", "ref": "v0.6.0"}},
          {"name": "npm", "source": {"source": "npm", "package": "scrapbox-cosense-mcp"}},
          {"name": "string", "source": "github:owner/repo"},
          {"name": "weird", "source": {"source": "mercurial", "url": "x"}}
        ]}
        """);
    assertThat(entries.get("gh").plugin().latest().source())
        .isEqualTo(new PackageSource.Git("https://github.com/owner/repo.git", "main", null, null));
    assertThat(entries.get("url").plugin().latest().source()).isEqualTo(new PackageSource.Git(
        "https://gitlab.example/x/y.git", null, "0123456789abcdef0123456789abcdef01234567", null));
    assertThat(entries.get("url-path").plugin().latest().source())
        .isEqualTo(new PackageSource.Git("https://github.com/o/r.git", null, "0123456789abcdef0123456789abcdef01234567",
            "claude-plugin/p"));
    assertThat(entries.get("subdir").plugin().latest().source()).isEqualTo(new PackageSource.Git(
        "https://github.com/GoogleCloudPlatform/db-context-enrichment.git", "v0.6.0", null, "plugin",
        dev.mp.registry.ClaudeVersions.pathDigest("plugin")));
    assertThat(entries.get("subdir").plugin().latest().version()).isEqualTo("unknown");
    assertThat(entries.get("npm").sourceKind()).isEqualTo("npm");
    assertThat(entries.get("npm").plugin().latest().source())
        .isEqualTo(new PackageSource.Npm("scrapbox-cosense-mcp", "latest", null, null, null));
    assertThat(entries.get("string").sourceKind()).isEqualTo("other");
    assertThat(entries.get("weird").sourceKind()).isEqualTo("other");
    assertThat(warnings).hasSize(2).anySatisfy(w -> assertThat(w).contains("plugin `string`"))
        .anySatisfy(w -> assertThat(w).contains("plugin `weird`").contains("unknown source kind `mercurial`"));
  }

  @Test
  void oddEntriesAreReportedAndWhatCanBeListedIsKept() {
    plugin("plugins/ok", "{\"name\": \"ok\", \"version\": \"1.0.0\"}");
    Map<String, MarketplaceParser.Entry> entries = local("""
        {"plugins": [
          "not an object",
          {"source": "./plugins/ok"},
          {"name": "has space", "source": "./plugins/ok"},
          {"name": "ok", "source": "./plugins/ok", "version": 3},
          {"name": "ok", "source": "./plugins/ok"},
          {"name": "escape", "source": "./../outside"},
          {"name": "missing", "source": "./plugins/missing"},
          {"name": "sourceless"}
        ]}
        """);
    assertThat(entries).containsOnlyKeys("ok", "escape", "missing", "sourceless");
    assertThat(entries.get("ok").plugin().latest().version()).isEqualTo("1.0.0");
    assertThat(entries.get("escape").plugin().latest().source()).isInstanceOf(PackageSource.Unsupported.class);
    assertThat(entries.get("missing").plugin().latest().source()).isInstanceOf(PackageSource.Unsupported.class);
    assertThat(warnings).containsExactly(
        "registry `m`: marketplace.json:2:3: expected a plugin object; skipped",
        "registry `m`: marketplace.json:3:3: entry without a `name`; skipped",
        "registry `m`: marketplace.json:4:3: plugin name `has space` has a space or a control character, which Claude"
            + " Code does not accept; skipped",
        "registry `m`: marketplace.json:5:3: plugin `ok`: field `version`: expected a non-empty string; ignored",
        "registry `m`: marketplace.json:6:3: plugin `ok`: listed more than once; the first entry is kept",
        "registry `m`: marketplace.json:7:3: plugin `escape`: source `./../outside` leaves the marketplace folder",
        "registry `m`: marketplace.json:8:3: plugin `missing`: the plugin folder `./plugins/missing` does not exist in"
            + " the marketplace",
        "registry `m`: marketplace.json:9:3: plugin `sourceless`: no `source`");
  }

  @Test
  void dependenciesComeFromPluginJsonInBothSyntaxes() {
    plugin("p", "{\"name\": \"p\", \"dependencies\": [\"alpha\", \"beta@^2\", {\"name\": \"gamma\", \"version\": \"~2.1.0\","
        + " \"marketplace\": \"m\"}, {\"name\": \"delta\", \"marketplace\": \"team\"}]}");
    PluginEntry p = local("{\"name\": \"m\", \"plugins\": [{\"name\": \"p\", \"source\": \"./p\"}]}").get("p").plugin();
    assertThat(p.latest().dependencies()).containsExactly(new DependencySpec("alpha", "*", null),
        new DependencySpec("beta", "^2", null), new DependencySpec("gamma", "~2.1.0", DependencySpec.SAME_REGISTRY),
        new DependencySpec("delta", "*", null));
    assertThat(warnings).singleElement().asString().contains("p/.claude-plugin/plugin.json")
        .contains("marketplace `team` is not this marketplace (`m`); `delta` resolves from every registry");
  }

  @Test
  void aStringDependencyNamingAMarketplaceIsReadAsClaudeCodeReadsIt() {
    // Claude Code reads `lib@m` as `lib` from marketplace `m`; only a version after `@` is a range to mp.
    plugin("p", "{\"name\": \"p\", \"dependencies\": [\"alpha@m\", \"beta@team-tools\", \"gamma@^1.2\"]}");
    PluginEntry p = local("{\"name\": \"m\", \"plugins\": [{\"name\": \"p\", \"source\": \"./p\"}]}").get("p").plugin();
    assertThat(p.latest().dependencies()).containsExactly(new DependencySpec("alpha", "*", DependencySpec.SAME_REGISTRY),
        new DependencySpec("beta", "*", null), new DependencySpec("gamma", "^1.2", null));
    assertThat(warnings).singleElement().asString()
        .contains("marketplace `team-tools` is not this marketplace (`m`); `beta` resolves from every registry");
  }

  @Test
  void aDocumentThatIsNotAMarketplaceGivesOneWarningAndNoPlugins() {
    assertThat(local("{\"marketplace\": {\"name\": \"x\", \"plugins\": []}}")).isEmpty();
    assertThat(warnings).containsExactly("registry `m`: marketplace.json: not a Claude Code marketplace: no top-level"
        + " `plugins` array (top-level keys: `marketplace`); no plugins read");
  }

  @Test
  void relativeSourcesOfARawGithubMarketplaceBecomeGitSources() {
    PackageSource.Git repository = DocumentOrigin.githubRepository(URI.create(
        "https://raw.githubusercontent.com/anthropics/claude-plugins-official/main/.claude-plugin/marketplace.json"))
        .orElseThrow();
    assertThat(repository).isEqualTo(new PackageSource.Git(
        "https://github.com/anthropics/claude-plugins-official.git", "main", null, null));
    Map<String, MarketplaceParser.Entry> entries = remote("""
        {"metadata": {"pluginRoot": "plugins"}, "plugins": [
          {"name": "a", "source": "./plugins/a", "version": "1.0.0"}, {"name": "b", "source": "b"}]}
        """, repository);
    assertThat(entries.get("a").plugin().latest().source()).isEqualTo(
        new PackageSource.Git("https://github.com/anthropics/claude-plugins-official.git", "main", null, "plugins/a"));
    assertThat(entries.get("b").plugin().latest().source()).isEqualTo(
        new PackageSource.Git("https://github.com/anthropics/claude-plugins-official.git", "main", null, "plugins/b"));
    assertThat(entries.get("b").plugin().latest().version()).isEqualTo("unknown");
    assertThat(entries.get("a").plugin().latest().integrity()).isNull();
  }

  @Test
  void relativeSourcesOfAnyOtherRemoteMarketplaceAreListedButNotFetchable() {
    Map<String, MarketplaceParser.Entry> entries = remote("{\"plugins\": [{\"name\": \"a\", \"source\": \"./a\"}]}", null);
    assertThat(entries.get("a").plugin().latest().source()).isInstanceOfSatisfying(PackageSource.Unsupported.class,
        source -> assertThat(source.reason()).contains("fetched over HTTP"));
    assertThat(DocumentOrigin.githubRepository(URI.create("https://example.com/o/r/main/marketplace.json"))).isEmpty();
  }

  private static Path folder(Map<String, MarketplaceParser.Entry> entries, String name) {
    return ((PackageSource.Folder) entries.get(name).plugin().latest().source()).path();
  }
}
