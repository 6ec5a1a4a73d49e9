package dev.mp.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.sign.IndexSigner;
import dev.mp.sign.TestKeys;
import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code signed} means verified everywhere (DESIGN.md §4, §7): resolution, policy, install, lockfile and
 * {@code policy enforce}, through the real command line over real files.
 */
class SignedPluginsTest {
  @TempDir Path temp;

  private static final String KEY = TestKeys.signing().publicKey().toString();

  private TrustProject project() {
    return new TrustProject(temp).plugin("alpha", "1.0.0").plugin("gamma", "1.2.0", "alpha");
  }

  private static JsonNode plugin(Cli.Result result, String name) {
    for (JsonNode plugin : result.json().get("plugins")) {
      if (plugin.get("name").asText().equals(name)) {
        return plugin;
      }
    }
    throw new AssertionError("no plugin " + name + " in " + result);
  }

  @Test
  void entriesSignedWithATrustedKeyResolveAsVerified() {
    TrustProject project = project();
    IndexSigner.SignedIndex signed = project.signed(TestKeys.signing());
    project.writeIndex(signed.bytes(), signed.signature()).registry("", KEY);

    Cli.Result result = project.cli().run("resolve", "gamma", "--json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(plugin(result, "gamma").get("signed").asText()).isEqualTo("verified");
    assertThat(plugin(result, "alpha").get("signed").asText()).isEqualTo("verified");
  }

  @Test
  void verifiedSignaturesAreRememberedSoTheNextRunDoesNotVerifyAgain() throws Exception {
    TrustProject project = project();
    IndexSigner.SignedIndex signed = project.signed(TestKeys.signing());
    project.writeIndex(signed.bytes(), signed.signature()).registry("", KEY);
    Path memo = project.cache.resolve("signatures-v1/verified");

    assertThat(project.cli().run("resolve", "gamma").exitCode()).isZero();
    long afterFirst = Files.size(memo);
    assertThat(project.cli().run("resolve", "gamma").exitCode()).isZero();

    // Two entries and the index signature, 32 bytes each; the second run adds nothing.
    assertThat(afterFirst).isEqualTo(3 * 32);
    assertThat(Files.size(memo)).isEqualTo(afterFirst);
  }

  @Test
  void aSignatureMadeWithAnotherKeyIsSignatureInvalidNeverUnsigned() {
    TrustProject project = project();
    IndexSigner.SignedIndex signed = project.signed(TestKeys.other());
    // The index itself is served unsigned, so only the entry signatures are in question.
    project.writeIndex(signed.bytes(), null).registry("", KEY);

    Cli.Result result = project.cli().run("resolve", "gamma");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stderr()).contains("error: signature of `alpha@1.0.0` from registry `team` is invalid")
        .doesNotContain("Exception");
    assertThat(project.cli().run("resolve", "gamma", "--json").json().get("error").get("code").asText())
        .isEqualTo("SIGNATURE_INVALID");
  }

  @Test
  void anEntryWhoseIntegrityWasChangedAfterSigningIsRefused() {
    TrustProject project = project();
    IndexSigner.SignedIndex signed = project.signed(TestKeys.signing());
    String text = new String(signed.bytes(), StandardCharsets.UTF_8);
    String gammaIntegrity = text.substring(text.indexOf("sha512-", text.indexOf("\"gamma\"")));
    gammaIntegrity = gammaIntegrity.substring(0, gammaIntegrity.indexOf('"'));
    String forged = text.replace(gammaIntegrity, TestKeys.integrity("evil"));
    project.writeIndex(forged.getBytes(StandardCharsets.UTF_8), null).registry("", KEY);

    Cli.Result result = project.cli().run("install", "gamma");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stderr()).contains("signature of `gamma@1.2.0` from registry `team` is invalid");
    assertThat(project.root.resolve(".claude/plugins")).doesNotExist();
    assertThat(project.root.resolve("plugin-lock.json")).doesNotExist();
  }

  @Test
  void aRegistryWithKeysButAnUnsignedEntryResolvesAsUnsignedAndThePolicyDeniesIt() {
    TrustProject project = project();
    project.writeIndex(project.unsignedIndex(), null).registry("", KEY).signedOnlyPolicy();

    Cli.Result resolved = project.cli().run("resolve", "gamma", "--json");
    assertThat(plugin(resolved, "gamma").get("signed").asText()).isEqualTo("unsigned");

    Cli.Result install = project.cli().run("install", "gamma");
    assertThat(install.exitCode()).as(install.toString()).isEqualTo(1);
    assertThat(install.stderr()).contains("Only signed plugins");
  }

  @Test
  void aClaimInAnIndexWithoutKeysShowsAsClaimedAndIsNeverCalledVerified() {
    TrustProject project = project();
    // Signed entries carry "signed": true; with no keys configured that is only a claim.
    project.writeIndex(project.signed(TestKeys.other()).bytes(), null).registry("");

    Cli.Result result = project.cli().run("resolve", "gamma", "--json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(plugin(result, "gamma").get("signed").asText()).isEqualTo("claimed");
    assertThat(result.stdout()).doesNotContain("verified");
  }

  @Test
  void theLockfileRecordsSignedOnlyForVerifiedSignatures() {
    TrustProject project = project();
    IndexSigner.SignedIndex signed = project.signed(TestKeys.signing());
    project.writeIndex(signed.bytes(), signed.signature()).registry("", KEY).signedOnlyPolicy();

    Cli.Result install = project.cli().run("install", "gamma");

    assertThat(install.exitCode()).as(install.toString()).isZero();
    String lock = TestFiles.read(project.root.resolve("plugin-lock.json"));
    assertThat(lock).contains("\"signed\": true").doesNotContain("signedClaim");
    assertThat(project.cli().run("policy", "enforce").exitCode()).isZero();
  }

  @Test
  void aClaimAllowedAtInstallIsAllowedByPolicyEnforceUntilTheRegistryListsKeys() {
    TrustProject project = project();
    project.writeIndex(project.signed(TestKeys.signing()).bytes(), null).registry("").signedOnlyPolicy();

    Cli.Result install = project.cli().run("install", "gamma");
    assertThat(install.exitCode()).as(install.toString()).isZero();
    String lock = TestFiles.read(project.root.resolve("plugin-lock.json"));
    assertThat(lock).contains("\"signedClaim\": true").doesNotContain("\"signed\": true");

    Cli.Result enforce = project.cli().run("policy", "enforce");
    assertThat(enforce.exitCode()).as(enforce.toString()).isZero();

    // Once the registry lists keys, its index's claims no longer count: enforce must judge the
    // plugins unsigned until they are installed again with verified signatures.
    project.registry("", KEY);
    Cli.Result stricter = project.cli().run("policy", "enforce");
    assertThat(stricter.exitCode()).as(stricter.toString()).isEqualTo(1);
    assertThat(stricter.stdout() + stricter.stderr()).contains("Only signed plugins");
  }

  @Test
  void policyCheckWithoutASourceSeesTheVerifiedFact() {
    TrustProject project = project();
    IndexSigner.SignedIndex signed = project.signed(TestKeys.signing());
    project.writeIndex(signed.bytes(), signed.signature()).registry("", KEY).signedOnlyPolicy();

    Cli.Result result = project.cli().run("policy", "check", "gamma", "--json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).contains("verified");
  }
}
