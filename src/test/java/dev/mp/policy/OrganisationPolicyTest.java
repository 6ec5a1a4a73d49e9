package dev.mp.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.install.Packages;
import dev.mp.registry.LoopbackServer;
import dev.mp.sign.Ed25519PrivateKey;
import dev.mp.sign.TestKeys;
import dev.mp.testing.Cli;
import dev.mp.testing.MutableClock;
import dev.mp.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Organisation policies ({@code extends}) served over loopback HTTP: inherited denies that a project's
 * own allow cannot loosen (with the conflict explained), the cache (TTL, 304, stale when the server is
 * down, {@code --offline}), a policy beside a registry fetched with its token and checked against its keys.
 */
class OrganisationPolicyTest {
  private static final String ORG_POLICY = """
      rules:
        - action: deny
          plugins: ["*-tracker", "evil-tool"]
          reason: "Forbidden across the organisation"
        - action: require
          plugins: ["audit-log"]
      """;

  @TempDir Path temp;
  private Path project;
  private LoopbackServer server;
  private MutableClock clock;
  private Cli cli;

  @BeforeEach
  void project() {
    project = temp.resolve("project");
    server = LoopbackServer.start();
    server.on("/org/policy.yaml", LoopbackServer.json(ORG_POLICY, "\"v1\""));
    for (String name : new String[] {"evil-tool", "audit-log", "helper"}) {
      Packages.plugin(project.resolve("plugins/" + name), name, "1.0.0");
    }
    registries("");
    clock = new MutableClock(Cli.NOW);
    cli = new Cli(project, temp.resolve("cache")).clock(clock).env("TEAM_TOKEN", "t0ken-for-policies");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void registries(String team) {
    TestFiles.write(project.resolve(".claude/registries.json"), """
        {"registries": [
          {"name": "local", "url": "./plugins", "priority": 100, "policy": "open"}%s
        ], "defaults": {"cacheTTL": 60}}
        """.formatted(team));
  }

  private void policy(String extendsList, String rules) {
    TestFiles.write(project.resolve(".claude/policies/plugins.yaml"), "extends: " + extendsList + "\n" + rules);
  }

  @Test
  void aProjectCannotLoosenAnInheritedDenyAndIsToldWhy() throws Exception {
    policy("[\"" + server.url("/org/policy.yaml") + "\"]", """
        rules:
          - action: allow
            plugins: ["evil-tool"]
            reason: "We need it"
          - action: allow
            plugins: ["*"]
            source: local
        """);

    Cli.Result check = cli.run("policy", "check", "evil-tool", "--source", "local", "--explain");
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.stderr()).contains("warning: rule 1 (allow) allows `evil-tool`, but rule 1 (deny) of `"
        + server.url("/org/policy.yaml") + "` denies it: an inherited deny cannot be loosened (inheritance only"
        + " tightens), so the allow has no effect for `evil-tool`");
    assertThat(check.stdout()).contains("denied by rule 1 (deny) of `" + server.url("/org/policy.yaml")
            + "`: Forbidden across the organisation (the project's rule 1 (allow) also matches `evil-tool` but cannot"
            + " loosen an inherited policy)",
        "rule 1 (deny) of `" + server.url("/org/policy.yaml") + "` matched: `evil-tool` matches `evil-tool`",
        "3 later rule(s) not tried: an inherited deny decides");
    JsonNode json = cli.run("--json", "policy", "check", "evil-tool", "--source", "local").json();
    assertThat(json.at("/rule/inheritedFrom").asText()).isEqualTo(server.url("/org/policy.yaml"));

    Cli.Result helper = cli.run("policy", "check", "helper", "--source", "local", "--explain");
    assertThat(helper.exitCode()).isZero();
    assertThat(helper.stdout()).contains("rule 2 (require) of `" + server.url("/org/policy.yaml") + "` skipped (pattern)",
        "allowed by rule 2 (allow)");

    Cli.Result install = cli.run("install", "evil-tool");
    assertThat(install.exitCode()).isEqualTo(1);
    assertThat(Files.readString(project.resolve(".claude/federation-audit.jsonl")))
        .contains("\"inheritedFrom\":\"" + server.url("/org/policy.yaml") + "\"");

    assertThat(cli.run("install", "helper").exitCode()).isZero();
    Cli.Result enforce = cli.run("policy", "enforce");
    assertThat(enforce.exitCode()).as("the inherited requirement is not met\n" + enforce).isEqualTo(1);
    assertThat(enforce.stdout()).contains("rule 2 (require) of `" + server.url("/org/policy.yaml") + "` `audit-log`:"
        + " no installed plugin satisfies it");
    assertThat(cli.run("--json", "policy", "enforce").json().at("/unmetRequirements/0/inheritedFrom").asText())
        .isEqualTo(server.url("/org/policy.yaml"));
    JsonNode sarif = cli.run("policy", "enforce", "--format", "sarif").json();
    assertThat(dev.mp.testing.JsonSchemas.sarif(sarif)).isEmpty();
    assertThat(sarif.at("/runs/0/tool/driver/rules/0/id").asText()).isEqualTo("extends-1-rule-1");
    assertThat(sarif.at("/runs/0/results/0/locations/0/physicalLocation/region/startLine").asInt())
        .as("an inherited requirement points at the extends line").isEqualTo(1);

    Cli.Result list = cli.run("policy", "list");
    assertThat(list.stdout()).contains("Inherited from `" + server.url("/org/policy.yaml") + "`: its denies cannot be"
        + " loosened (inheritance only tightens)", "The project's rules:");
  }

  @Test
  void theOrganisationPolicyIsCachedLikeAnIndex() {
    policy("[\"" + server.url("/org/policy.yaml") + "\"]", "rules: []\n");
    assertThat(cli.run("policy", "list").exitCode()).isZero();
    assertThat(cli.run("policy", "list").exitCode()).isZero();
    assertThat(server.count("/org/policy.yaml")).as("within cacheTTL: no request").isEqualTo(1);

    clock.advance(Duration.ofSeconds(61));
    assertThat(cli.run("policy", "list").exitCode()).isZero();
    assertThat(server.requests().get(1).header("If-None-Match")).as("revalidated").isEqualTo("\"v1\"");

    server.close();
    clock.advance(Duration.ofSeconds(61));
    Cli.Result stale = cli.run("policy", "check", "evil-tool", "--source", "local");
    assertThat(stale.exitCode()).as(stale.toString()).isEqualTo(1);
    assertThat(stale.stderr()).contains("warning: organisation policy `" + server.url("/org/policy.yaml")
        + "`: using the cached copy from");
    assertThat(cli.run("--offline", "policy", "check", "evil-tool", "--source", "local").exitCode()).isEqualTo(1);

    Cli.Result fresh = new Cli(project, temp.resolve("empty-cache")).run("policy", "list");
    assertThat(fresh.exitCode()).as("never fetched and unreachable: an error, never a silent skip").isEqualTo(3);
    assertThat(fresh.stderr()).contains("error: organisation policy `" + server.url("/org/policy.yaml") + "` is unavailable");
  }

  @Test
  void aPolicyBesideARegistryIsFetchedWithItsTokenAndMustBeSignedWithItsKey() {
    Ed25519PrivateKey key = TestKeys.signing();
    byte[] policy = ORG_POLICY.getBytes(StandardCharsets.UTF_8);
    server.on("/team/index.json", LoopbackServer.requiresToken("t0ken-for-policies",
        LoopbackServer.json("{\"version\": 1, \"plugins\": {}}")));
    server.on("/team/policy.yaml", LoopbackServer.requiresToken("t0ken-for-policies", LoopbackServer.json(ORG_POLICY)));
    server.on("/team/policy.yaml.sig", LoopbackServer.json(key.sign(policy)));
    registries(", {\"name\": \"team\", \"url\": \"" + server.url("/team/index.json") + "\", \"priority\": 50,"
        + " \"auth\": \"token:TEAM_TOKEN\", \"keys\": [\"" + key.publicKey().text() + "\"]}");
    policy("[\"registry:team/policy.yaml\"]", "rules: []\n");

    Cli.Result list = cli.run("policy", "list");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.stdout()).contains("Inherited from `registry:team/policy.yaml` (signed)");
    assertThat(server.requests().stream().filter(r -> r.path().equals("/team/policy.yaml")).findFirst().orElseThrow()
        .header("Authorization")).isEqualTo("Bearer t0ken-for-policies");

    server.on("/team/other.yaml", LoopbackServer.requiresToken("t0ken-for-policies", LoopbackServer.json(ORG_POLICY)));
    server.on("/team/other.yaml.sig", LoopbackServer.json(TestKeys.other().sign(policy)));
    policy("[\"registry:team/other.yaml\"]", "rules: []\n");
    Cli.Result forged = cli.run("policy", "list");
    assertThat(forged.exitCode()).isEqualTo(1);
    assertThat(forged.stderr()).contains("error: organisation policy `registry:team/other.yaml` refused: registry `team`"
        + " lists keys, and the policy's signature is refused: it does not verify under the registry's key");

    server.on("/team/unsigned.yaml", LoopbackServer.requiresToken("t0ken-for-policies", LoopbackServer.json(ORG_POLICY)));
    server.on("/team/unsigned.yaml.sig", LoopbackServer.status(404));
    policy("[\"registry:team/unsigned.yaml\"]", "rules: []\n");
    Cli.Result unsigned = cli.run("policy", "list");
    assertThat(unsigned.exitCode()).isEqualTo(1);
    assertThat(unsigned.stderr()).contains("the policy is not signed (no `" + server.url("/team/unsigned.yaml") + ".sig`)");
  }

  @Test
  void badReferencesAndCyclesAreErrors() {
    server.on("/a.yaml", LoopbackServer.json("extends: [\"" + server.url("/b.yaml") + "\"]\nrules: []\n"));
    server.on("/b.yaml", LoopbackServer.json("extends: [\"" + server.url("/a.yaml") + "\"]\nrules: []\n"));
    policy("[\"" + server.url("/a.yaml") + "\"]", "rules: []\n");
    Cli.Result cycle = cli.run("policy", "list");
    assertThat(cycle.exitCode()).isEqualTo(2);
    assertThat(cycle.stderr()).contains("organisation policies extend each other in a cycle");

    policy("[\"http://policies.example.com/p.yaml\"]", "rules: []\n");
    assertThat(cli.run("policy", "list").stderr()).contains("is fetched over plain http");
    policy("[\"ftp://x/p.yaml\"]", "rules: []\n");
    assertThat(cli.run("policy", "list").stderr()).contains(".claude/policies/plugins.yaml:1:", "neither an http(s) URL"
        + " nor `registry:NAME/path`");
    policy("[\"registry:tema/p.yaml\"]", "rules: []\n");
    registries(", {\"name\": \"team\", \"url\": \"https://team.example/index.json\", \"priority\": 50}");
    Cli.Result unknown = cli.run("policy", "list");
    assertThat(unknown.exitCode()).isEqualTo(3);
    assertThat(unknown.stderr()).contains("did you mean `registry:team/p.yaml`?");
  }
}
