package dev.mp.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LockfileCodecTest {
  private static final String INTEGRITY_A = "sha512-" + "A".repeat(86) + "==";
  private static final String INTEGRITY_G = "sha512-" + "B".repeat(86) + "==";

  /** The example of DESIGN.md §2, with its keys sorted as the same section requires. */
  static final String DESIGN_EXAMPLE = """
      {
        "lockVersion": 2,
        "plugins": {
          "alpha": {
            "dependencies": [],
            "integrity": "%s",
            "resolved": "./plugins/alpha",
            "source": "local",
            "version": "1.0.0"
          },
          "gamma": {
            "dependencies": [
              "alpha"
            ],
            "integrity": "%s",
            "resolved": "https://plugins.team.dev/packages/gamma-1.2.0.tgz",
            "source": "team",
            "version": "1.2.0"
          }
        },
        "registries": {
          "local": "./plugins",
          "team": "https://plugins.team.dev/index.json"
        },
        "requested": {
          "gamma": "*"
        }
      }
      """.formatted(INTEGRITY_A, INTEGRITY_G);

  private static Lockfile parse(String text) {
    return LockfileCodec.parse("plugin-lock.json", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void marketplaceEntriesRoundTripAsSortedObjectsAndOlderFilesReadWithout() {
    String resolved = "      \"resolved\": \"https://plugins.team.dev/packages/gamma-1.2.0.tgz\",\n";
    String entry = "      \"marketplaceEntry\": {\n"
        + "        \"dependencies\": [\n"
        + "          {\n"
        + "            \"name\": \"alpha\",\n"
        + "            \"version\": \"^1.0\"\n"
        + "          }\n"
        + "        ],\n"
        + "        \"strict\": false\n"
        + "      },\n";
    String withEntry = DESIGN_EXAMPLE.replace(resolved, entry + resolved);
    assertThat(withEntry).contains("marketplaceEntry");
    Lockfile lockfile = parse(withEntry);
    assertThat(lockfile.plugins().get("gamma").marketplaceEntry())
        .isEqualTo("{\"dependencies\":[{\"name\":\"alpha\",\"version\":\"^1.0\"}],\"strict\":false}");
    assertThat(lockfile.plugins().get("gamma").extra()).isEmpty();
    assertThat(new String(LockfileCodec.serialize(lockfile), StandardCharsets.UTF_8)).isEqualTo(withEntry);
    assertThat(parse(DESIGN_EXAMPLE).plugins().get("gamma").marketplaceEntry()).isNull();
    assertThatThrownBy(() -> parse(DESIGN_EXAMPLE.replace(resolved, "      \"marketplaceEntry\": [],\n" + resolved)))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.getMessage())
            .contains("field `plugins.gamma.marketplaceEntry`: expected an object"));
  }

  @Test
  void aPluginNameClaudeCodeWouldNotInstallIsRefusedSoNoFolderCanEscape() {
    for (String name : List.of("../escape", "a:b", ".hidden", "a/b")) {
      String text = DESIGN_EXAMPLE.replace("\"alpha\": {", "\"" + name + "\": {");
      assertThatThrownBy(() -> parse(text)).as(name).isInstanceOfSatisfying(MpException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.LOCKFILE_ERROR);
        assertThat(e.getMessage()).contains("invalid plugin name `" + name + "`");
      });
    }
  }

  @Test
  void roundTripsTheDesignExampleByteForByte() {
    Lockfile lockfile = parse(DESIGN_EXAMPLE);
    assertThat(lockfile.plugins().get("gamma").dependencies()).containsExactly("alpha");
    assertThat(new String(LockfileCodec.serialize(lockfile), StandardCharsets.UTF_8)).isEqualTo(DESIGN_EXAMPLE);
  }

  @Test
  void writesTheSameBytesWhateverOrderThingsWereAddedIn() {
    TreeMap<String, LockedPlugin> plugins = new TreeMap<>();
    plugins.put("gamma", LockedPlugin.of("1.2.0", INTEGRITY_G, "team", "https://x/g.tgz", List.of("zeta", "alpha")));
    plugins.put("alpha", LockedPlugin.of("1.0.0", INTEGRITY_A, "local", "./plugins/alpha", List.of()));
    Lockfile one = Lockfile.empty().withPlugins(plugins).withRequested(Map.of("gamma", "*", "alpha", "^1"));
    Lockfile two = Lockfile.empty().withRequested(Map.of("alpha", "^1", "gamma", "*")).withPlugins(new TreeMap<>(plugins).descendingMap());
    assertThat(LockfileCodec.serialize(one)).isEqualTo(LockfileCodec.serialize(two));
    assertThat(new String(LockfileCodec.serialize(one), StandardCharsets.UTF_8))
        .contains("\"dependencies\": [\n        \"alpha\",\n        \"zeta\"\n      ]")
        .doesNotContain("\r", "generatedAt", "installedAt")
        .endsWith("}\n");
  }

  @Test
  void readsVersionOneAndUpgradesOnWrite() {
    Lockfile v1 = parse("""
        {"lockVersion": 1, "generatedAt": "2026-01-01T00:00:00Z",
         "plugins": {
           "alpha": {"version": "1.0.0", "integrity": "%s", "source": "local", "resolved": "./plugins/alpha",
                     "installedAt": "2026-01-01T00:00:00Z"},
           "gamma": {"version": "1.2.0", "integrity": "%s", "source": "team", "resolved": "https://x/g.tgz",
                     "dependencies": ["alpha"], "installedAt": "2026-01-01T00:00:00Z"}}}
        """.formatted(INTEGRITY_A, INTEGRITY_G));
    assertThat(v1.lockVersion()).isEqualTo(1);
    assertThat(v1.requested()).containsExactly(Map.entry("gamma", "*"));
    String written = new String(LockfileCodec.serialize(v1), StandardCharsets.UTF_8);
    assertThat(written).contains("\"lockVersion\": 2").doesNotContain("generatedAt", "installedAt");
  }

  @Test
  void refusesANewerVersionWithItsOwnCode() {
    assertThatThrownBy(() -> parse("{\"lockVersion\": 3, \"plugins\": {}}"))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_LOCK_VERSION);
          assertThat(e.exitCode()).isEqualTo(2);
          assertThat(e.hint()).contains("upgrade mp");
        });
  }

  @Test
  void refusesCorruptFilesNamingTheField() {
    for (String corrupt : List.of(
        "{\"lockVersion\": 2, \"plugins\": {\"a\": {\"version\": \"1\"}}}",
        "{\"lockVersion\": 2, \"plugins\": {\"a\": {\"version\": \"1\", \"integrity\": \"nope\", \"source\": \"s\", \"resolved\": \"r\"}}}",
        "{\"lockVersion\": \"2\"}",
        "{\"lockVersion\": 2, \"plugins\": [",
        "[]")) {
      assertThatThrownBy(() -> parse(corrupt)).as(corrupt)
          .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCKFILE_ERROR))
          .hasMessageStartingWith("plugin-lock.json");
    }
  }
}
