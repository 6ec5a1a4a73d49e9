package dev.mp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.testing.Cli;
import dev.mp.testing.Nginx;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/publishing.md end to end: a folder of plugins becomes a signed registry of static files, a real
 * nginx serves it, and another project adds, syncs and installs from it — the three commands of the
 * guide. Then what the static host does for mp: its own ETag and Last-Modified answer revalidation
 * with a 304 (counted in nginx's access log), and tampering on the host is caught.
 */
class PublishingNginxTest {
  @TempDir Path temp;
  private Path site;
  private Nginx nginx;
  private String publicKey;

  private static Cli.Result ok(Cli cli, String... args) {
    Cli.Result result = cli.run(args);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return result;
  }

  @BeforeEach
  void publish() {
    Path team = temp.resolve("team");
    plugin(team.resolve("plugins/alpha"), "alpha", "1.0.0", "");
    plugin(team.resolve("plugins/beta"), "beta", "1.0.0", ", \"dependencies\": [\"alpha\"]");
    TestFiles.write(team.resolve(".claude/registries.json"), "{\"registries\": []}\n");
    Cli publisher = new Cli(team, temp.resolve("publisher-cache"));

    // The guide's first two commands, run by the registry's maintainers.
    publicKey = ok(publisher, "registry", "keygen", "registry.key").stdout().trim();
    ok(publisher, "registry", "build", "plugins/alpha", "plugins/beta", "--out", "site", "--key", "registry.key",
        "--expires", "30d");

    site = team.resolve("site");
    nginx = Nginx.serve(temp.resolve("nginx"), port -> guideServerBlock(site, port));
  }

  /** The guide's nginx `server` block, on a loopback port without TLS, serving {@code site}. */
  static String guideServerBlock(Path site, int port) {
    Matcher block = Pattern.compile("```nginx\n(.*?)```", Pattern.DOTALL).matcher(TestFiles.read(Path.of("docs/publishing.md")));
    assertThat(block.find()).as("docs/publishing.md has an nginx block").isTrue();
    String server = block.group(1);
    assertThat(server).contains("listen 443 ssl;", "root /srv/plugins/site;");
    return server.replace("listen 443 ssl;", "listen 127.0.0.1:" + port + ";")
        .replaceAll("(?m)^\\s*ssl_certificate.*\\n", "")
        .replace("root /srv/plugins/site;", "root " + site + ";");
  }

  @AfterEach
  void stop() {
    if (nginx != null) {
      nginx.close();
    }
  }

  private static void plugin(Path root, String name, String version, String extra) {
    TestFiles.write(root.resolve(".claude-plugin/plugin.json"),
        "{\"name\": \"" + name + "\", \"version\": \"" + version + "\", \"description\": \"The " + name + " plugin\"" + extra
            + "}\n");
    TestFiles.write(root.resolve("commands/" + name + ".md"), "# /" + name + "\n");
  }

  private Cli consumer(String name) {
    Path project = temp.resolve(name);
    TestFiles.write(project.resolve(".claude/registries.json"), "{\"registries\": []}\n");
    Cli cli = new Cli(project, temp.resolve(name + "-cache"));
    cli.env("MP_STATE_DIR", temp.resolve(name + "-state").toString());
    // The guide's third command, in another project.
    ok(cli, "registry", "add", "team", nginx.url() + "index.json", "--key", publicKey);
    return cli;
  }

  @Test
  void anotherProjectAddsSyncsAndInstallsFromTheRegistryNginxServes() {
    Cli app = consumer("app");

    ok(app, "registry", "sync");
    Cli.Result installed = ok(app, "install", "beta");

    assertThat(installed.stderr()).contains("Added `alpha` 1.0.0 (from `team`)").contains("Added `beta` 1.0.0 (from `team`)");
    ok(app, "lock", "check");
    JsonNode resolved = ok(app, "--json", "resolve", "beta").json();
    assertThat(resolved.at("/plugins/0/signed").asText()).isEqualTo("verified");
    assertThat(resolved.at("/plugins/1/signed").asText()).isEqualTo("verified");
    assertThat(TestFiles.read(app.project().resolve("plugin-lock.json")))
        .contains("\"resolved\": \"" + nginx.url() + "packages/beta-1.0.0.tgz\"");
    assertThat(nginx.count("/packages/alpha-1.0.0.tgz", 200)).isEqualTo(1);
  }

  @Test
  void theGuidesNginxBlockLetsTheIndexBeRevalidatedAndPackagesBeCachedForEver() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<byte[]> index = http.send(HttpRequest.newBuilder(URI.create(nginx.url() + "index.json")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> sig = http.send(HttpRequest.newBuilder(URI.create(nginx.url() + "index.json.sig")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> archive = http.send(
        HttpRequest.newBuilder(URI.create(nginx.url() + "packages/alpha-1.0.0.tgz")).build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(index.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(index.headers().firstValue("ETag")).isPresent();
    assertThat(index.headers().firstValue("Last-Modified")).isPresent();
    assertThat(sig.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(archive.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    assertThat(archive.headers().firstValue("Content-Type")).hasValue("application/gzip");
    assertThat(archive.body()).isEqualTo(Files.readAllBytes(site.resolve("packages/alpha-1.0.0.tgz")));
  }

  @Test
  void revalidationAgainstNginxsOwnEtagCostsA304() {
    Cli app = consumer("app");
    ok(app, "registry", "sync");
    long downloads = nginx.count("/index.json", 200);

    Cli.Result again = ok(app, "registry", "sync");

    assertThat(again.stdout()).contains("unchanged");
    assertThat(nginx.count("/index.json", 200)).as(nginx.requests().toString()).isEqualTo(downloads).isEqualTo(1);
    assertThat(nginx.count("/index.json", 304)).as(nginx.requests().toString()).isEqualTo(1);
  }

  @Test
  void aPackageTamperedWithOnTheHostIsRefusedAtInstall() throws IOException {
    Path other = temp.resolve("other");
    plugin(other, "beta", "1.0.0", ", \"dependencies\": [\"alpha\"]");
    TestFiles.write(other.resolve("commands/evil.md"), "# do something else\n");
    ok(new Cli(temp.resolve("team"), temp.resolve("publisher-cache")), "pack", "../other", "--out", "../evil");
    Files.copy(temp.resolve("evil/beta-1.0.0.tgz"), site.resolve("packages/beta-1.0.0.tgz"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Cli app = consumer("app");

    Cli.Result refused = app.run("--json", "install", "beta");

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.json().at("/error/code").asText()).isEqualTo("INTEGRITY_MISMATCH");
    assertThat(refused.json().at("/error/message").asText()).contains("beta-1.0.0.tgz");
    assertThat(app.project().resolve(".claude/plugins/beta")).doesNotExist();
    assertThat(app.project().resolve("plugin-lock.json")).doesNotExist();
  }

  @Test
  void anIndexChangedOnTheHostWithoutTheKeyIsRejected() throws IOException {
    Cli app = consumer("app");
    ok(app, "registry", "sync");
    String index = Files.readString(site.resolve("index.json"));
    Files.writeString(site.resolve("index.json"), index.replace("The beta plugin", "The better plugin"));

    Cli.Result rejected = app.run("registry", "sync");

    assertThat(rejected.exitCode()).as(rejected.toString()).isEqualTo(1);
    assertThat(rejected.stderr()).contains("signature");
    assertThat(List.of(rejected.stdout().split("\n"))).anyMatch(line -> line.startsWith("team"));
  }
}
