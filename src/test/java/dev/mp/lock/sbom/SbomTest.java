package dev.mp.lock.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.install.Packages;
import dev.mp.integrity.Integrity;
import dev.mp.integrity.TreeHash;
import dev.mp.testing.Cli;
import dev.mp.testing.JsonSchemas;
import dev.mp.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mp lock sbom} over a real installed project (a folder registry and an HTTP index with tar.gz
 * packages): CycloneDX 1.6 and SPDX 2.3 documents that the official JSON schemas accept, with the
 * locked facts in them, the same bytes every time.
 */
class SbomTest {
  @TempDir Path temp;
  private Packages.Server server;
  private Path project;
  private Cli cli;

  @BeforeEach
  void installed() {
    server = new Packages.Server();
    project = temp.resolve("project");
    Path alpha = Packages.plugin(project.resolve("plugins/alpha"), "alpha", "1.0.0");
    TestFiles.write(alpha.resolve("hooks/hooks.json"), "{\"hooks\": {\"SessionStart\": [{\"hooks\": [{\"type\":"
        + " \"command\", \"command\": \"echo hi\"}]}]}}");
    Path gamma = Packages.plugin(temp.resolve("src/gamma"), "gamma", "1.2.0");
    TestFiles.write(gamma.resolve(".mcp.json"), "{\"db\": {\"type\": \"http\", \"url\": \"https://db.example.com/mcp\"}}");
    byte[] archive = Packages.tgz(Packages.entriesOf(gamma, "package/"));
    server.serve("/packages/gamma-1.2.0.tgz", archive);
    server.serve("/index.json", ("{\"version\": 1, \"plugins\": {\"gamma\": {\"name\": \"gamma\", \"version\": \"1.2.0\","
        + " \"integrity\": \"" + TreeHash.of(gamma) + "\", \"archiveIntegrity\": \"" + Integrity.of(archive, "sha512-x")
        + "\", \"resolved\": \"packages/gamma-1.2.0.tgz\", \"dependencies\": [\"alpha\"], \"trustScore\": 90}}}")
        .getBytes(StandardCharsets.UTF_8));
    TestFiles.write(project.resolve(".claude/registries.json"), """
        {"registries": [
          {"name": "local", "url": "./plugins", "priority": 100, "policy": "open"},
          {"name": "team", "url": "%s", "priority": 75, "policy": "open"}
        ]}
        """.formatted(server.url("/index.json")));
    cli = new Cli(project, temp.resolve("cache"));
    Cli.Result install = cli.run("install", "gamma");
    assertThat(install.exitCode()).as(install.toString()).isZero();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String hex(String sri) {
    return HexFormat.of().formatHex(Base64.getDecoder().decode(sri.substring(sri.indexOf('-') + 1)));
  }

  private JsonNode locked(String name) throws Exception {
    return dev.mp.io.Json.readTree(Files.readAllBytes(project.resolve("plugin-lock.json"))).at("/plugins/" + name);
  }

  @Test
  void cycloneDxIsValidAndCarriesTheLockedFacts() throws Exception {
    Cli.Result result = cli.run("lock", "sbom", "--format", "cyclonedx");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode bom = result.json();

    assertThat(JsonSchemas.cycloneDx(bom)).isEmpty();
    assertThat(bom.get("specVersion").asText()).isEqualTo("1.6");
    assertThat(bom.get("serialNumber").asText()).matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(bom.has("metadata") && !bom.get("metadata").has("timestamp")).isTrue();
    JsonNode gamma = bom.at("/components/1");
    assertThat(gamma.get("name").asText()).isEqualTo("gamma");
    assertThat(gamma.get("bom-ref").asText()).isEqualTo("gamma@1.2.0");
    assertThat(gamma.at("/supplier/name").asText()).isEqualTo("team");
    assertThat(gamma.at("/supplier/url/0").asText()).isEqualTo(server.url("/index.json"));
    assertThat(gamma.at("/hashes/0/alg").asText()).isEqualTo("SHA-512");
    assertThat(gamma.at("/hashes/0/content").asText()).isEqualTo(hex(locked("gamma").get("integrity").asText()));
    assertThat(gamma.at("/externalReferences/0/url").asText()).isEqualTo(server.url("/packages/gamma-1.2.0.tgz"));
    assertThat(gamma.at("/externalReferences/0/hashes/0/content").asText())
        .isEqualTo(hex(locked("gamma").get("archiveIntegrity").asText()));
    assertThat(gamma.get("purl").asText()).isEqualTo("pkg:generic/gamma@1.2.0");
    assertThat(gamma.get("properties").toString()).contains("{\"name\":\"mp:trustScore\",\"value\":\"90\"}",
        "{\"name\":\"mp:capabilities\",\"value\":\"mcp-servers,commands,network\"}",
        "{\"name\":\"mp:capability:mcp-servers\",\"value\":\"db\"}",
        "{\"name\":\"mp:capability:network\",\"value\":\"db.example.com\"}");
    assertThat(bom.at("/components/0/properties").toString())
        .contains("{\"name\":\"mp:capability:hooks\",\"value\":\"SessionStart\"}");
    assertThat(bom.at("/dependencies/1").toString()).isEqualTo("{\"ref\":\"gamma@1.2.0\",\"dependsOn\":[\"alpha@1.0.0\"]}");
  }

  @Test
  void spdxIsValidAndDescribesWhatWasRequested() throws Exception {
    Cli.Result result = cli.run("lock", "sbom", "--format", "spdx");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode doc = result.json();

    assertThat(JsonSchemas.spdx(doc)).isEmpty();
    assertThat(doc.get("spdxVersion").asText()).isEqualTo("SPDX-2.3");
    assertThat(doc.at("/creationInfo/created").asText()).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(doc.at("/creationInfo/creators/0").asText()).startsWith("Tool: mp-");
    for (JsonNode pkg : doc.get("packages")) {
      assertThat(pkg.get("SPDXID").asText()).matches("SPDXRef-[A-Za-z0-9.-]+");
    }
    JsonNode gamma = doc.at("/packages/1");
    assertThat(gamma.get("supplier").asText()).isEqualTo("Organization: team");
    assertThat(gamma.get("downloadLocation").asText()).isEqualTo(server.url("/packages/gamma-1.2.0.tgz"));
    assertThat(gamma.at("/checksums/0").toString()).isEqualTo("{\"algorithm\":\"SHA512\",\"checksumValue\":\""
        + hex(locked("gamma").get("integrity").asText()) + "\"}");
    assertThat(doc.at("/packages/0/downloadLocation").asText()).as("a local folder").isEqualTo("NOASSERTION");
    assertThat(doc.at("/packages/0/annotations").toString()).contains("\"comment\":\"mp:capability:hooks=SessionStart\"");
    assertThat(doc.get("relationships").toString()).isEqualTo("[{\"spdxElementId\":\"SPDXRef-DOCUMENT\","
        + "\"relationshipType\":\"DESCRIBES\",\"relatedSpdxElement\":\"SPDXRef-Plugin-gamma\"},"
        + "{\"spdxElementId\":\"SPDXRef-Plugin-gamma\",\"relationshipType\":\"DEPENDS_ON\","
        + "\"relatedSpdxElement\":\"SPDXRef-Plugin-alpha\"}]");

    Cli.Result reproducible = new Cli(project, temp.resolve("cache")).env("SOURCE_DATE_EPOCH", "1767225600")
        .run("lock", "sbom", "--format", "spdx");
    assertThat(reproducible.json().at("/creationInfo/created").asText()).isEqualTo("2026-01-01T00:00:00Z");
  }

  @Test
  void theSameLockfileGivesTheSameBytesAnywhere() throws Exception {
    for (String format : new String[] {"cyclonedx", "spdx"}) {
      String first = cli.run("lock", "sbom", "--format", format).stdout();
      Path copy = temp.resolve("elsewhere/another-checkout");
      Files.createDirectories(copy);
      Files.copy(project.resolve("plugin-lock.json"), copy.resolve("plugin-lock.json"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      String elsewhere = new Cli(copy, temp.resolve("other-cache")).run("lock", "sbom", "--format", format).stdout();
      assertThat(elsewhere).as(format).isEqualTo(first);
      assertThat(cli.run("lock", "sbom", "--format", format, "--output", "sbom.json").exitCode()).isZero();
      assertThat(Files.readString(project.resolve("sbom.json"))).isEqualTo(first);
    }
    assertThat(cli.run("lock", "sbom", "--format", "swid").exitCode()).isEqualTo(2);
  }

  @Test
  void gitSourcesOddNamesAndBuildMetadataStayValid() throws Exception {
    TestFiles.write(project.resolve("plugin-lock.json"), """
        {"lockVersion": 2, "registries": {"market": "https://example.com/marketplace.json"},
         "requested": {"odd_name": "*"},
         "plugins": {"odd_name": {"version": "1.0.0+build.5", "integrity": "sha512-%s", "source": "market",
           "resolved": "git+https://github.com/o/r.git#%s:plugins/x", "dependencies": []}}}
        """.formatted(Base64.getEncoder().encodeToString(new byte[64]), "a".repeat(40)));
    JsonNode spdx = cli.run("lock", "sbom", "--format", "spdx").json();
    assertThat(JsonSchemas.spdx(spdx)).isEmpty();
    assertThat(spdx.at("/packages/0/SPDXID").asText()).matches("SPDXRef-Plugin-odd-name-[0-9a-f]{8}");
    assertThat(spdx.at("/packages/0/downloadLocation").asText())
        .isEqualTo("git+https://github.com/o/r.git@" + "a".repeat(40) + "#plugins/x");
    assertThat(spdx.at("/packages/0/annotations").toString()).contains("mp:capabilities=unknown");
    JsonNode bom = cli.run("lock", "sbom", "--format", "cyclonedx").json();
    assertThat(JsonSchemas.cycloneDx(bom)).isEmpty();
    assertThat(bom.at("/components/0/purl").asText()).isEqualTo("pkg:generic/odd_name@1.0.0%2Bbuild.5");
  }

  @Test
  void theSchemasRejectWhatIsNotABillOfMaterials() {
    JsonNode bom = cli.run("lock", "sbom", "--format", "cyclonedx").json();
    ((ObjectNode) bom).remove("bomFormat");
    ((ObjectNode) bom.at("/components/0")).put("type", "plugin");
    assertThat(JsonSchemas.cycloneDx(bom)).hasSizeGreaterThanOrEqualTo(2);
    JsonNode spdx = cli.run("lock", "sbom", "--format", "spdx").json();
    ((ObjectNode) spdx).remove("documentNamespace");
    assertThat(JsonSchemas.spdx(spdx)).isNotEmpty();
  }
}
