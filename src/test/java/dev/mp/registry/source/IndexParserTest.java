package dev.mp.registry.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.registry.DependencySpec;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.Release;
import dev.mp.registry.ReleaseDetails;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IndexParserTest {
  static final String INTEGRITY = "sha512-" + "A".repeat(86) + "==";
  private final List<String> warnings = new ArrayList<>();
  private final Reporter reporter = warnings::add;

  private Map<String, PluginEntry> parse(String json, DocumentOrigin origin) {
    Map<String, PluginEntry> plugins = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    ParseWarnings parseWarnings = new ParseWarnings("registry `team`", reporter);
    IndexParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "index.json", origin,
        parseWarnings, entry -> names.add(entry.name()) && plugins.put(entry.name(), entry) == null);
    parseWarnings.finish();
    return plugins;
  }

  private Map<String, PluginEntry> parseLocal(String json) {
    return parse(json, DocumentOrigin.local(Path.of("/srv/registry/index.json")));
  }

  @Test
  void readsTheSeedFormatWithReleases() {
    Map<String, PluginEntry> plugins = parseLocal("""
        {"version": 1, "updatedAt": "2026-01-01T00:00:00Z",
         "plugins": {"gamma": {"name": "gamma", "version": "1.2.0", "description": "Gamma",
           "integrity": "%s", "resolved": "packages/gamma-1.2.0.tgz",
           "dependencies": ["alpha", "beta@^2", {"name": "delta", "version": "~2.1.0", "marketplace": "team"}],
           "signed": true, "trustScore": 85, "signature": "ed25519:c2ln",
           "releases": {"1.1.0": {"integrity": "%s", "resolved": "packages/gamma-1.1.0.tgz", "dependencies": []},
                        "1.2.0": {"resolved": "ignored-duplicate-of-latest.tgz"}}}}}
        """.formatted(INTEGRITY, INTEGRITY));
    PluginEntry gamma = plugins.get("gamma");
    assertThat(gamma.description()).isEqualTo("Gamma");
    assertThat(gamma.trustScore()).isEqualTo(85);
    assertThat(gamma.releases()).extracting(Release::version).containsExactly("1.2.0", "1.1.0");
    Release latest = gamma.latest();
    assertThat(latest.integrity()).isEqualTo(INTEGRITY);
    assertThat(latest.signedClaim()).isTrue();
    assertThat(latest.signature()).isEqualTo("ed25519:c2ln");
    assertThat(latest.source()).isEqualTo(new PackageSource.Archive("/srv/registry/packages/gamma-1.2.0.tgz"));
    assertThat(latest.dependencies()).containsExactly(new DependencySpec("alpha", "*", null),
        new DependencySpec("beta", "^2", null), new DependencySpec("delta", "~2.1.0", null));
    Release older = gamma.releases().get(1);
    assertThat(older.signedClaim()).isFalse();
    assertThat(older.source()).isEqualTo(new PackageSource.Archive("/srv/registry/packages/gamma-1.1.0.tgz"));
    assertThat(warnings).singleElement().asString().contains("plugin `gamma`")
        .contains("marketplace `team` is not a marketplace mp reads here");
  }

  @Test
  void aGitLocationThatCannotBeAPathHereIsUnusableWithAWarning() {
    // Found by IndexParserFuzzTest: a lone surrogate cannot be a file name, and was an internal error.
    Map<String, PluginEntry> plugins = parseLocal("""
        {"plugins": {"a": {"version": "1.0.0", "resolved": "git+./repo\\ud800#main"}}}
        """);
    assertThat(plugins.get("a").latest().source()).isInstanceOf(PackageSource.Unsupported.class);
    assertThat(warnings).singleElement().asString().contains("plugin `a`").contains("not a valid path on this system");
  }

  @Test
  void yankedReleasesAndTheirReasonsAreRead() {
    Map<String, PluginEntry> plugins = parseLocal("""
        {"plugins": {"gamma": {"version": "1.1.0", "integrity": "%s", "resolved": "packages/gamma-1.1.0.tgz",
           "releases": {"1.0.0": {"integrity": "%s", "resolved": "packages/gamma-1.0.0.tgz", "yanked": true},
                        "1.2.0": {"integrity": "%s", "resolved": "packages/gamma-1.2.0.tgz", "yanked": true,
                                  "yankedReason": "leaks tokens"},
                        "1.3.0": {"integrity": "%s", "yanked": "yes"}}}}}
        """.formatted(INTEGRITY, INTEGRITY, INTEGRITY, INTEGRITY));
    PluginEntry gamma = plugins.get("gamma");

    assertThat(gamma.latest().yanked()).isFalse();
    assertThat(gamma.release("1.0.0").orElseThrow().details()).isEqualTo(ReleaseDetails.NONE.withYanked(true, null));
    assertThat(gamma.release("1.2.0").orElseThrow().details().yankedReason()).isEqualTo("leaks tokens");
    assertThat(gamma.release("1.3.0").orElseThrow().yanked()).isFalse();
    assertThat(warnings).singleElement().asString().contains("field `releases.1.3.0.yanked`: expected true or false");
  }

  @Test
  void resolvedPathsOfARemoteIndexResolveAsUrlsAndFoldersAreRefused() {
    Map<String, PluginEntry> plugins = parse("""
        {"plugins": {
          "a": {"version": "1.0.0", "resolved": "packages/a-1.0.0.tgz"},
          "b": {"version": "1.0.0", "resolved": "/abs/b.zip"},
          "c": {"version": "1.0.0", "resolved": "https://cdn.example/c.tar.gz"},
          "d": {"version": "1.0.0", "resolved": "plugins/d"},
          "e": {"version": "1.0.0", "resolved": {"source": "github", "repo": "o/e", "sha": "0123456789abcdef0123456789abcdef01234567"}}}}
        """, new DocumentOrigin.Remote(URI.create("https://plugins.team.dev/v1/index.json")));
    assertThat(plugins.get("a").latest().source()).isEqualTo(new PackageSource.Archive("https://plugins.team.dev/v1/packages/a-1.0.0.tgz"));
    assertThat(plugins.get("b").latest().source()).isEqualTo(new PackageSource.Archive("https://plugins.team.dev/abs/b.zip"));
    assertThat(plugins.get("c").latest().source()).isEqualTo(new PackageSource.Archive("https://cdn.example/c.tar.gz"));
    assertThat(plugins.get("d").latest().source()).isInstanceOf(PackageSource.Unsupported.class);
    assertThat(plugins.get("e").latest().source()).isEqualTo(new PackageSource.Git("https://github.com/o/e.git", null,
        "0123456789abcdef0123456789abcdef01234567", null));
    assertThat(warnings).singleElement().asString().contains("plugin `d`").contains("folder in a remote index");
  }

  @Test
  void aLocalIndexMayPointAtFolders() {
    Map<String, PluginEntry> plugins = parseLocal("{\"plugins\": {\"a\": {\"resolved\": \"../plugins/a\"}}}");
    assertThat(plugins.get("a").latest().source()).isEqualTo(new PackageSource.Folder(Path.of("/srv/plugins/a")));
    assertThat(plugins.get("a").latest().version()).isEqualTo("0.0.0");
  }

  @Test
  void oddEntriesAreReportedWithTheirLineAndLeftOut() {
    Map<String, PluginEntry> plugins = parseLocal("""
        {"plugins": {
          "good": {"version": "1.0.0"},
          "bad-integrity": {"version": "1.0.0", "integrity": "md5-xyz"},
          "Bad Name": {"version": "1.0.0"},
          "Odd:Nameé": {"version": "1.0.0"},
          "not-an-object": 42,
          "odd-fields": {"version": "1.0.0", "trustScore": 300, "signed": "yes", "dependencies": [1]},
          "good": {"version": "2.0.0"}
        }}
        """);
    assertThat(plugins).containsOnlyKeys("good", "odd-fields", "Odd:Nameé");
    assertThat(plugins.get("good").latest().version()).isEqualTo("1.0.0");
    assertThat(plugins.get("odd-fields").trustScore()).isNull();
    assertThat(warnings).containsExactly(
        "registry `team`: index.json:3: plugin `bad-integrity`: field `integrity`: not a valid `sha512-<base64>` value; skipped",
        "registry `team`: index.json:4: plugin name `Bad Name` has a space or a control character, which Claude Code"
            + " does not accept; skipped",
        "registry `team`: index.json:6: plugin `not-an-object`: expected an object; skipped",
        "registry `team`: index.json:7: plugin `odd-fields`: field `signed`: expected true or false; ignored",
        "registry `team`: index.json:7: plugin `odd-fields`: field `trustScore`: expected 0 to 100, found 300; ignored",
        "registry `team`: index.json:7: plugin `odd-fields`: field `dependencies[0]`: expected `name`, `name@range` or"
            + " {\"name\", \"version\", \"marketplace\"}; left out",
        "registry `team`: index.json:8: plugin `good`: listed more than once; the first entry is kept");
  }

  @Test
  void aBrokenReleaseIsLeftOutButTheEntryStays() {
    Map<String, PluginEntry> plugins = parseLocal("""
        {"plugins": {"a": {"version": "2.0.0", "releases": {"1.0.0": {"integrity": "bogus"}, "1.5.0": {}}}}}
        """);
    assertThat(plugins.get("a").releases()).extracting(Release::version).containsExactly("2.0.0", "1.5.0");
    assertThat(warnings).singleElement().asString()
        .contains("field `releases.1.0.0.integrity`: not a valid").endsWith("; release `1.0.0` left out");
  }

  @Test
  void malformedJsonNamesTheLine() {
    assertThatThrownBy(() -> parseLocal("{\"plugins\": {\n\"a\": {\"version\": }}}"))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INDEX_INVALID);
          assertThat(e.getMessage()).startsWith("index.json:2:").contains("malformed JSON");
        });
  }

  @Test
  void aDocumentWithoutPluginsIsInvalid() {
    assertThatThrownBy(() -> parseLocal("{\"version\": 1}"))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.getMessage()).isEqualTo("index.json: no `plugins` object"));
    assertThatThrownBy(() -> parseLocal("[1, 2]"))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INDEX_INVALID));
  }

  @Test
  void aNewerIndexVersionIsReadWithAWarning() {
    assertThat(parseLocal("{\"version\": 7, \"plugins\": {\"a\": {\"version\": \"1.0.0\", \"future\": {\"x\": [1]}}}}"))
        .containsOnlyKeys("a");
    assertThat(warnings).singleElement().asString().contains("index format version 7 is newer");
  }

  @Test
  void manyProblemsAreCappedWithACountAndTheRestStayReachable() {
    StringBuilder json = new StringBuilder("{\"plugins\": {");
    for (int i = 0; i < 30; i++) {
      json.append(i == 0 ? "" : ",").append("\"p").append(i).append("\": {\"trustScore\": -1}");
    }
    List<String> more = new ArrayList<>();
    Reporter reporter = new Reporter() {
      @Override
      public void warn(String message) {
        warnings.add(message);
      }

      @Override
      public void warnMore(String message) {
        more.add(message);
      }
    };
    ParseWarnings parseWarnings = new ParseWarnings("registry `team`", reporter);
    IndexParser.parse(new java.io.ByteArrayInputStream(json.append("}}").toString().getBytes(StandardCharsets.UTF_8)),
        "index.json", DocumentOrigin.local(Path.of("/srv/registry/index.json")), parseWarnings, entry -> true);
    parseWarnings.finish();
    assertThat(warnings).hasSize(ParseWarnings.LIMIT + 1);
    assertThat(warnings.get(ParseWarnings.LIMIT))
        .isEqualTo("registry `team`: 10 more problem(s); `-v` shows them, `--json` lists them");
    assertThat(more).hasSize(10).allSatisfy(line -> assertThat(line).contains("field `trustScore`"));
    assertThat(more.get(9)).contains("plugin `p29`");
  }
}
