package dev.mp.registry.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.io.Json;
import dev.mp.registry.ClaudeVersions;
import dev.mp.registry.PackageSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Source objects as Claude Code 2.1.332 checks them (each refusal below is one `claude plugin validate` refused). */
class SourceObjectsTest {
  private static final Path ROOT = Path.of("/srv/marketplace");
  private static final SourceObjects.Place LOCAL = new SourceObjects.Place(ROOT);
  private final List<String> problems = new ArrayList<>();

  private SourceObjects.Parsed parse(String json, SourceObjects.Place place) {
    try {
      JsonNode node = Json.readTree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return SourceObjects.parse(node, place, problems::add);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private String refusal(String json, SourceObjects.Place place) {
    PackageSource source = parse(json, place).source();
    assertThat(source).as(json).isInstanceOf(PackageSource.Unsupported.class);
    return ((PackageSource.Unsupported) source).reason();
  }

  @Test
  void anArchiveCarriesItsSha256AsIntegrity() {
    SourceObjects.Parsed parsed = parse("""
        {"source": "archive", "url": "https://plugins.example.com/p.zip",
         "sha256": "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"}""", SourceObjects.Place.REMOTE);
    assertThat(parsed.kind()).isEqualTo("archive");
    assertThat(parsed.source()).isEqualTo(new PackageSource.Archive("https://plugins.example.com/p.zip"));
    assertThat(parsed.archiveIntegrity()).isEqualTo("sha256-n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=");
    assertThat(ClaudeVersions.ofArchive(parsed.archiveIntegrity())).isEqualTo("9f86d081884c");
    assertThat(parse("{\"source\": \"archive\", \"url\": \"https://x.example/p.tgz\"}", LOCAL).archiveIntegrity()).isNull();
    assertThat(problems).isEmpty();
  }

  @Test
  void archivesClaudeCodeRefusesAreRefused() {
    assertThat(refusal("{\"source\": \"archive\", \"url\": \"http://plugins.example.com/p.zip\"}", LOCAL))
        .contains("plain `http://`");
    assertThat(refusal("{\"source\": \"archive\", \"url\": \"https://x.example/p.zip\", \"sha256\": \"abc\"}", LOCAL))
        .contains("64 hex digits");
    assertThat(refusal("{\"source\": \"archive\", \"url\": \"https://169.254.169.254/latest/p.zip\"}", LOCAL))
        .contains("link-local");
    assertThat(refusal("{\"source\": \"archive\", \"url\": \"https://user:pw@x.example/p.zip\"}", LOCAL))
        .contains("credentials");
    assertThat(refusal("{\"source\": \"archive\"}", LOCAL)).contains("needs `url`");
    assertThat(problems).hasSize(5);
    // A loopback mirror over http is mp's own allowance (tests, local mirrors).
    assertThat(parse("{\"source\": \"archive\", \"url\": \"http://127.0.0.1:8080/p.zip\"}", LOCAL).source())
        .isInstanceOf(PackageSource.Archive.class);
  }

  @Test
  void npmSourcesNameAPackageASpecAndARegistry() {
    assertThat(parse("""
        {"source": "npm", "package": "@acme/review", "version": "^1.2", "registry": "https://npm.example.com/"}""",
        SourceObjects.Place.REMOTE).source())
        .isEqualTo(new PackageSource.Npm("@acme/review", "^1.2", "https://npm.example.com/", null, null));
    PackageSource.Npm plain = (PackageSource.Npm) parse("{\"source\": \"npm\", \"package\": \"tool\"}", LOCAL).source();
    assertThat(plain.spec()).isEqualTo("latest");
    assertThat(plain.registryUrl()).isEqualTo("https://registry.npmjs.org");
    assertThat(parse("{\"source\": \"npm\", \"package\": \"tool@2.0.0\"}", LOCAL).source())
        .isEqualTo(new PackageSource.Npm("tool", "2.0.0", null, null, null));
    assertThat(parse("{\"source\": \"npm\", \"package\": \"@acme/tool@next\"}", LOCAL).source())
        .isEqualTo(new PackageSource.Npm("@acme/tool", "next", null, null, null));
    assertThat(refusal("{\"source\": \"npm\", \"package\": \"../escape\"}", LOCAL)).contains("not an npm registry package name");
    assertThat(refusal("{\"source\": \"npm\", \"package\": \"https://x.example/t.tgz\"}", LOCAL)).contains("by name");
    assertThat(refusal("{\"source\": \"npm\", \"package\": \"t\", \"registry\": \"ftp://x\"}", LOCAL)).contains("`registry`");
  }

  @Test
  void aCommandIsListedWithTheReasonMpNeverRunsIt() {
    SourceObjects.Parsed parsed = parse("{\"source\": \"command\", \"command\": \"acme-ide export --path\"}", LOCAL);
    assertThat(parsed.kind()).isEqualTo("command");
    assertThat(parsed.source()).isInstanceOfSatisfying(PackageSource.Unsupported.class, source -> {
      assertThat(source.kind()).isEqualTo("command");
      assertThat(source.description()).isEqualTo("acme-ide export --path");
      assertThat(source.reason()).contains("shell command").contains("mp never runs commands");
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void gitSourcesTakeOnlyWhatClaudeCodeTakes() {
    assertThat(refusal("{\"source\": \"url\", \"url\": \"https://x.example/r.git\", \"sha\": \"abc1234\"}", LOCAL))
        .contains("40-character lowercase");
    assertThat(refusal("{\"source\": \"url\", \"url\": \"https://x.example/r.git\", \"sha\": \""
        + "0123456789ABCDEF0123456789abcdef01234567\"}", LOCAL)).contains("40-character lowercase");
    assertThat(refusal("{\"source\": \"github\", \"repo\": \"o/r\", \"ref\": \"--upload-pack=x\"}", LOCAL))
        .contains("no leading `-`");
    assertThat(refusal("{\"source\": \"url\", \"url\": \"git://x.example/r.git\"}", LOCAL)).contains("must be a git URL");
    assertThat(parse("{\"source\": \"url\", \"url\": \"git+ssh://git@x.example/r.git\"}", LOCAL).source())
        .isEqualTo(new PackageSource.Git("ssh://git@x.example/r.git", null, null, null));
    assertThat(parse("{\"source\": \"git-subdir\", \"url\": \"o/r\", \"path\": \"./tools/p/\"}", LOCAL).source())
        .isEqualTo(new PackageSource.Git("https://github.com/o/r.git", null, null, "tools/p", "7a72d72a"));
  }

  @Test
  void repositoriesOnThisMachineOnlyFromALocalRegistry() {
    assertThat(parse("{\"source\": \"url\", \"url\": \"file:///srv/git/review.git\"}", LOCAL).source())
        .isEqualTo(new PackageSource.Git("file:///srv/git/review.git", null, null, null));
    assertThat(problems).isEmpty();
    // Claude Code takes only file:// (a path fails its install); mp takes the path and says so.
    assertThat(parse("{\"source\": \"url\", \"url\": \"../git/review\"}", LOCAL).source())
        .isEqualTo(new PackageSource.Git("/srv/git/review", null, null, null));
    assertThat(problems).singleElement().asString().contains("Claude Code accepts only a `file://` URL")
        .contains("file:///srv/git/review");
    problems.clear();
    assertThat(refusal("{\"source\": \"url\", \"url\": \"file:///srv/git/review.git\"}", SourceObjects.Place.REMOTE))
        .contains("only a local registry may");
    assertThat(refusal("{\"source\": \"git-subdir\", \"url\": \"/srv/git/mono\", \"path\": \"p\"}",
        SourceObjects.Place.REMOTE)).contains("only a local registry may");
    assertThat(refusal("{\"source\": \"url\", \"url\": \"file://host/srv/r.git\"}", LOCAL)).contains("not a valid local");
  }

  @Test
  void aLocalRepositoryIsLockedRelativeToTheProjectAndReadBack() {
    Path project = Path.of("/work/project");
    PackageSource.Git git = new PackageSource.Git("/work/project/vendor/review", null,
        "f67e98246a45b4a134b27a4b0ee2497ef4557276", "plugin");
    String resolved = git.resolved(project);
    assertThat(resolved).isEqualTo("git+./vendor/review#f67e98246a45b4a134b27a4b0ee2497ef4557276:plugin");
    assertThat(PackageSource.parseResolved(resolved, project)).isEqualTo(git);
    PackageSource.Npm npm = new PackageSource.Npm("@acme/tool", "^1", null, "1.2.3",
        "https://npm.example.com/@acme/tool/-/tool-1.2.3.tgz");
    assertThat(npm.resolved(project)).isEqualTo("npm+https://npm.example.com/@acme/tool/-/tool-1.2.3.tgz#@acme/tool@1.2.3");
    assertThat(PackageSource.parseResolved(npm.resolved(project), project))
        .isEqualTo(new PackageSource.Npm("@acme/tool", "1.2.3", null, "1.2.3", "https://npm.example.com/@acme/tool/-/tool-1.2.3.tgz"));
  }
}
