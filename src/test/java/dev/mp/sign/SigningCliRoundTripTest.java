package dev.mp.sign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.io.Json;
import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keygen → sign → verify, through the real command line. */
class SigningCliRoundTripTest {
  @TempDir Path temp;

  @Test
  void keygenThenSignGivesAnIndexEveryPartOfWhichVerifiesUnderThePrintedKey() throws IOException {
    Path project = temp.resolve("project");
    Cli cli = new Cli(project, temp.resolve("cache"));
    TestFiles.write(project.resolve("registry/index.json"), TestKeys.sampleIndex());

    Cli.Result keygen = cli.run("registry", "keygen", "ci/registry.key");
    assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
    Ed25519PublicKey printed = Ed25519PublicKey.parse(keygen.stdout().strip());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(project.resolve("ci/registry.key"))))
        .isEqualTo("rw-------");

    Cli.Result sign = cli.run("--json", "registry", "sign", "registry/index.json", "--key", "ci/registry.key", "--expires", "7d");
    assertThat(sign.exitCode()).as(sign.toString()).isZero();
    assertThat(sign.json().get("publicKey").textValue()).isEqualTo(printed.text());
    assertThat(sign.json().get("expires").textValue()).isEqualTo("2026-06-08T12:00:00Z");

    TrustedKeys trusted = new TrustedKeys(List.of(printed));
    byte[] index = Files.readAllBytes(project.resolve("registry/index.json"));
    String sig = TestFiles.read(project.resolve("registry/index.json.sig"));
    IndexCheck check = IndexVerifier.verify(new IndexVerifier.Request(index, sig, trusted, true, null, Cli.NOW));
    assertThat(check).isInstanceOfSatisfying(IndexCheck.Accepted.class, a -> assertThat(a.serial()).isEqualTo(1));
    JsonNode plugins = Json.mapper().readTree(index).get("plugins");
    plugins.properties().forEach(entry -> assertThat(trusted.verifyRelease(entry.getKey(),
        entry.getValue().get("version").textValue(), entry.getValue().get("integrity").textValue(),
        entry.getValue().get("signature").textValue())).as(entry.getKey()).isInstanceOf(SignatureCheck.Verified.class));

    Cli.Result again = cli.run("--json", "registry", "sign", "registry/index.json", "--key", "ci/registry.key");
    assertThat(again.json().get("serial").asLong()).isEqualTo(2);
    assertThat(again.json().get("expires").textValue()).isEqualTo("2026-06-08T12:00:00Z");
  }

  @Test
  void keygenWithForceReplacesTheKeyAndPrintsTheNewOne() throws IOException {
    Path project = Files.createDirectories(temp.resolve("project"));
    Cli cli = new Cli(project, temp.resolve("cache"));
    Cli.Result created = cli.run("registry", "keygen", "k");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    String first = created.stdout().strip();
    Cli.Result refused = cli.run("registry", "keygen", "k");
    assertThat(refused.exitCode()).isEqualTo(2);
    String second = cli.run("registry", "keygen", "k", "--force").stdout().strip();
    assertThat(second).isNotEqualTo(first);
    assertThat(TestFiles.read(project.resolve("k.pub"))).isEqualTo(second + "\n");
  }
}
