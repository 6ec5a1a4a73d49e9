package dev.mp.policy;

import dev.mp.ErrorCode;
import dev.mp.config.ConfigLoader;
import dev.mp.config.RegistriesConfig;
import dev.mp.io.JsonDocument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/** Builds policies and registries for the policy tests from the text users write. */
final class Policies {
  /** `local` open, `team` enforce, `vendor` enforce, `public` allow-listed. */
  static final RegistriesConfig REGISTRIES = registries("""
      {"registries": [
        {"name": "local", "url": "./plugins", "priority": 100, "policy": "open"},
        {"name": "team", "url": "https://plugins.team.dev/index.json", "priority": 75, "policy": "enforce"},
        {"name": "vendor", "url": "https://vendor.dev/index.json", "priority": 50, "policy": "enforce"},
        {"name": "public", "url": "https://x.dev/marketplace.json", "priority": 0, "policy": "allow-listed"}
      ]}
      """);

  private Policies() {}

  static Policy parse(String yaml) {
    return PolicyLoader.parse(
        JsonDocument.parseYaml("plugins.yaml", yaml.getBytes(StandardCharsets.UTF_8), ErrorCode.POLICY_CONFIG_ERROR), null);
  }

  static RegistriesConfig registries(String json) {
    return ConfigLoader.parse(
        JsonDocument.parseJson("registries.json", json.getBytes(StandardCharsets.UTF_8), ErrorCode.CONFIG_ERROR),
        new ArrayList<>());
  }

  static PolicyEngine engine(String yaml) {
    return new PolicyEngine(parse(yaml), REGISTRIES);
  }

  static PluginFacts facts(String name, String version, String source, Integer trust, SignatureState signature) {
    return new PluginFacts(name, version, source, trust, signature);
  }
}
