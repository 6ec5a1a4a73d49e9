package dev.mp.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import dev.mp.testing.Gen;
import dev.mp.testing.Property;
import org.junit.jupiter.api.Test;

/**
 * Generated malformed documents through the real command line: whatever the bytes of {@code
 * registries.json}, the policy, a registry's documents or the lockfile, mp answers with a coded error
 * (exit 2 or 3, {@code error:} on stderr) or a per-entry warning, and never with a stack trace or
 * {@code INTERNAL_ERROR} (exit 70).
 */
class HostileInputProperties {
  static final String CONFIG = """
      {
        "registries": [
          {"name": "team", "url": "./registry/index.json", "priority": 50, "auth": "token:TEAM_TOKEN",
           "policy": "enforce", "enabled": true, "keys": [], "requireSignedIndex": false, "oidcAudience": "mp"},
          {"name": "local", "url": "./plugins", "priority": 100}
        ],
        "defaults": {"cacheTTL": 3600, "conflictResolution": "highest-priority", "installDir": ".claude/plugins"}
      }
      """;
  static final String POLICY = """
      rules:
        - action: deny
          plugins: ["*-backdoor"]
          source: team
          versions: "<1.4.2"
          unless:
            trust_score: ">= 80"
            signed: true
          reason: "No backdoors"
        - action: require
          plugins: [audit-log]
        - action: allow
          plugins: ["*"]
      """;
  static final String INDEX = """
      {"version": 1, "serial": 3, "expires": "2030-01-01T00:00:00Z", "plugins": {
        "gamma": {"name": "gamma", "version": "1.2.0", "description": "Gamma", "trustScore": 85, "signed": true,
          "integrity": "sha512-NwZYCPLY+cMXMehaemNXAsL5z2XjqndVt2mCqQ7dIKPROdouCA+haWStnG8UQNBZjWOb96EceHtZeNB4kHC0LQ==",
          "resolved": "packages/gamma-1.2.0.tgz", "dependencies": {"alpha": "^1.0.0"},
          "releases": {"1.1.0": {"integrity": "sha512-CgfQ+NBvlp0eskj75dDsqN9937GfrVcGr0EF+uUxA1mCPqHoxVBWVqlUrMaIpUk6NIOWovFllPu+4yFRsrqjcg==",
            "resolved": "packages/gamma-1.1.0.tgz"}}}}}
      """;
  static final String MARKETPLACE = """
      {"name": "team", "owner": {"name": "Team"}, "plugins": [
        {"name": "alpha", "source": "./plugins/alpha", "version": "1.0.0", "description": "Alpha"},
        {"name": "beta", "source": {"source": "github", "repo": "team/beta"}, "version": "2.0.0"},
        {"name": "gamma", "source": {"source": "url", "url": "https://git.example/gamma.git"}}
      ]}
      """;
  static final String PLUGIN_JSON = """
      {"name": "alpha", "version": "1.0.0", "description": "Alpha", "dependencies": ["beta"],
       "author": {"name": "Team"}}
      """;
  static final String LOCKFILE = """
      {
        "lockVersion": 2,
        "registries": {"team": "./registry/index.json"},
        "requested": {"alpha": "^1.0.0"},
        "plugins": {
          "alpha": {"version": "1.0.0", "integrity": "sha512-NwZYCPLY+cMXMehaemNXAsL5z2XjqndVt2mCqQ7dIKPROdouCA+haWStnG8UQNBZjWOb96EceHtZeNB4kHC0LQ==",
            "source": "team", "resolved": "./plugins/alpha", "dependencies": [], "signed": true, "trustScore": 90}
        }
      }
      """;

  @Test
  void anyRegistriesJsonIsAConfigErrorOrAccepted() {
    Property.forAll(60, gen -> {
      String text = config(gen);
      try (Project project = new Project()) {
        project.write(".claude/registries.json", text);
        assertCoded(project.cli().run("registry", "list"), Set.of(0, 2));
      }
    });
  }

  @Test
  void anyPolicyFileIsAPolicyErrorOrAccepted() {
    Property.forAll(60, gen -> {
      String text = policy(gen);
      try (Project project = new Project()) {
        project.write(".claude/policies/plugins.yaml", text);
        assertCoded(project.cli().run("policy", "list"), Set.of(0, 2));
      }
    });
  }

  @Test
  void anyIndexIsRejectedWithACodeOrReadWithWarnings() {
    Property.forAll(60, gen -> {
      String text = index(gen);
      try (Project project = new Project()) {
        project.write(".claude/registries.json",
            "{\"registries\": [{\"name\": \"team\", \"url\": \"./registry/index.json\", \"priority\": 1}]}");
        project.write("registry/index.json", text);
        assertCoded(project.cli().run("registry", "sync"), Set.of(0, 2, 3));
        assertCoded(project.cli().run("search", "*"), Set.of(0, 2, 3));
        assertCoded(project.cli().run("install", "gamma"), Set.of(1, 2, 3));
      }
    });
  }

  @Test
  void anyMarketplaceIsRejectedWithACodeOrReadWithWarnings() {
    Property.forAll(60, gen -> {
      String text = marketplace(gen);
      try (Project project = new Project()) {
        project.write(".claude/registries.json",
            "{\"registries\": [{\"name\": \"market\", \"url\": \"./market\", \"priority\": 1}]}");
        project.write("market/.claude-plugin/marketplace.json", text);
        project.write("market/plugins/alpha/.claude-plugin/plugin.json", PLUGIN_JSON);
        assertCoded(project.cli().run("registry", "sync"), Set.of(0, 2, 3));
      }
    });
  }

  @Test
  void anyPluginManifestInAFolderRegistryIsAWarningForThatPlugin() {
    Property.forAll(60, gen -> {
      String text = pluginJson(gen);
      try (Project project = new Project()) {
        project.write(".claude/registries.json",
            "{\"registries\": [{\"name\": \"local\", \"url\": \"./plugins\", \"priority\": 1}]}");
        project.write("plugins/alpha/.claude-plugin/plugin.json", text);
        project.write("plugins/beta/.claude-plugin/plugin.json", "{\"name\": \"beta\", \"version\": \"1.0.0\"}");
        Cli.Result result = project.cli().run("search", "beta", "--json");
        assertCoded(result, Set.of(0));
        assertThat(result.stdout()).as("the good plugin beside the bad one").contains("\"beta\"");
      }
    });
  }

  @Test
  void anyLockfileIsALockfileErrorOrRead() {
    Property.forAll(60, gen -> {
      String text = lockfile(gen);
      try (Project project = new Project()) {
        project.write("plugin-lock.json", text);
        assertCoded(project.cli().run("lock", "check"), Set.of(0, 1, 2));
        assertCoded(project.cli().run("policy", "enforce"), Set.of(0, 1, 2));
        assertCoded(project.cli().run("lock", "install"), Set.of(0, 1, 2, 3));
      }
    });
  }

  /** A coded answer: an allowed exit code, and never a stack trace or an internal error. */
  static void assertCoded(Cli.Result result, Set<Integer> allowed) {
    assertThat(result.exitCode()).as(result.toString()).isNotEqualTo(70).isIn(allowed);
    assertThat(result.stderr()).as(result.toString()).doesNotContain("Exception").doesNotContain("at dev.mp")
        .doesNotContain("internal error");
    if (result.exitCode() >= 2) {
      assertThat(result.stderr()).as(result.toString()).contains("error:");
    }
  }

  static String config(Gen gen) {
    return mutations(gen, CONFIG);
  }

  static String policy(Gen gen) {
    return gen.bool() ? mutations(gen, POLICY) : yamlNoise(gen);
  }

  static String index(Gen gen) {
    return mutations(gen, INDEX);
  }

  static String marketplace(Gen gen) {
    return mutations(gen, MARKETPLACE);
  }

  static String pluginJson(Gen gen) {
    return mutations(gen, PLUGIN_JSON);
  }

  static String lockfile(Gen gen) {
    return mutations(gen, LOCKFILE);
  }

  /**
   * Damage done to a valid document: cut short, a run of JSON/YAML punctuation inserted, a stretch
   * deleted, a value swapped for another type, or nested very deep; and plain noise.
   */
  static String mutations(Gen gen, String valid) {
    return gen.frequency(
        Gen.weighted(3, () -> valid.substring(0, gen.between(0, valid.length()))),
        Gen.weighted(4, () -> {
          int at = gen.between(0, valid.length());
          String junk = gen.string("{}[]\":,\\ \n\t-#&*!|>'0123456789eE.+nultrufas\u00e9\u0000", 1, 12);
          return valid.substring(0, at) + junk + valid.substring(at);
        }),
        Gen.weighted(2, () -> {
          int at = gen.between(0, valid.length());
          return valid.substring(0, at) + valid.substring(Math.min(valid.length(), at + gen.between(1, 40)));
        }),
        Gen.weighted(4, () -> retype(valid, gen.between(0, valid.length()), gen.of("null", "true", "[]", "{}", "-1",
            "1e999", "\"\"", "\"../../etc/passwd\"", "9999999999999999999999", "[[[[[[[[", "\"\\ud800\""))),
        Gen.weighted(1, () -> {
          int depth = gen.between(60, 5000);
          return "[".repeat(depth) + "]".repeat(depth);
        }),
        Gen.weighted(1, () -> gen.anyString(0, 200)));
  }

  /** Replaces the value after the first {@code :} at or after {@code at} with {@code value}. */
  static String retype(String valid, int at, String value) {
    int colon = valid.indexOf(':', at);
    if (colon < 0) {
      return valid;
    }
    int start = colon + 1;
    int end = start;
    while (end < valid.length() && ",}]\n".indexOf(valid.charAt(end)) < 0) {
      end++;
    }
    return valid.substring(0, start) + " " + value + valid.substring(end);
  }

  static String yamlNoise(Gen gen) {
    return gen.of(
        "rules: &a [*a]",
        "rules:\n  - action: allow\n    plugins: !!python/object:os.system [\"x\"]",
        "a: &a [*a, *a]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: &d [*c, *c]\ne: &e [*d, *d]\nrules: [*e]",
        "rules:\n" + "  - ".repeat(200) + "x",
        "rules: {action: allow}\nrules: []",
        "\t- bad indentation",
        "--- \n--- \n",
        "rules:\n  - action: allow\n    plugins: [\"[\"]\n    reason: 42");
  }

  /** A throwaway project folder for one try. */
  static final class Project implements AutoCloseable {
    final Path dir;

    Project() {
      try {
        dir = Files.createTempDirectory("mp-hostile-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void write(String path, String text) {
      TestFiles.write(dir.resolve("project").resolve(path), text);
    }

    Cli cli() {
      return new Cli(dir.resolve("project"), dir.resolve("cache"));
    }

    @Override
    public void close() {
      TestFiles.deleteTree(dir);
    }
  }
}
