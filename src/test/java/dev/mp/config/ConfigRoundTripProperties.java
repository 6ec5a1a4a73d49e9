package dev.mp.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mp.ErrorCode;
import dev.mp.io.JsonDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.mp.testing.Gen;
import dev.mp.testing.Property;
import org.junit.jupiter.api.Test;

class ConfigRoundTripProperties {
  private static final List<String> KEYS = List.of(
      "ed25519:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
      "ed25519:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

  @Test
  void saveThenLoadGivesTheSameConfig() {
    Property.forAll(300, gen -> {
      RegistriesConfig config = config(gen);
      byte[] bytes = ConfigLoader.serialize(config);
      RegistriesConfig loaded = ConfigLoader.parse(
          JsonDocument.parseJson("registries.json", bytes, ErrorCode.CONFIG_ERROR), new ArrayList<>());
      assertThat(loaded).isEqualTo(config);
      assertThat(ConfigLoader.serialize(loaded)).isEqualTo(bytes);
    });
  }

  private static RegistriesConfig config(Gen gen) {
    List<RegistrySpec> registries = gen.uniqueList(0, 6, RegistrySpec::name, () -> registry(gen));
    FederationDefaults defaults = new FederationDefaults(
        gen.between(0L, 1_000_000L),
        gen.of(ConflictStrategy.class),
        gen.orNull(0.5, () -> gen.of("vendor/plugins", ".claude/plugins")),
        extras(gen, List.of("cacheTTL", "conflictResolution", "installDir")));
    return new RegistriesConfig(registries, defaults, extras(gen, List.of("registries", "defaults")));
  }

  private static RegistrySpec registry(Gen gen) {
    String name = gen.filtered(() -> gen.string("abcxyz019._-", 1, 10), RegistrySpec::isValidName);
    String url = gen.oneOf(
        () -> "./" + gen.alpha(1, 12),
        () -> "https://" + gen.alpha(1, 12) + ".dev/index.json");
    AuthSpec auth = gen.oneOf(
        () -> AuthSpec.NONE,
        () -> new AuthSpec.Token(gen.string('A', 'Z', 1, 8)),
        () -> new AuthSpec.Oidc(gen.of("github-actions", "env:ID_TOKEN", "https://issuer.dev")));
    return new RegistrySpec(name, url, gen.anyInt(), auth, gen.of(PolicyMode.class), gen.bool(),
        gen.list(0, 2, () -> gen.of(KEYS)), gen.bool(),
        extras(gen, List.of("name", "url", "priority", "auth", "policy", "enabled", "keys", "requireSignedIndex")));
  }

  /** Unknown fields with any JSON value, never shadowing a known field. */
  private static Map<String, JsonNode> extras(Gen gen, List<String> known) {
    return new LinkedHashMap<>(gen.map(0, 3,
        () -> gen.filtered(() -> gen.alpha(1, 8), k -> !known.contains(k)),
        () -> gen.<JsonNode>oneOf(
            () -> JsonNodeFactory.instance.textNode(gen.anyString(0, 10)),
            () -> JsonNodeFactory.instance.numberNode(gen.anyInt()),
            () -> JsonNodeFactory.instance.booleanNode(gen.bool()),
            () -> {
              String s = gen.alpha(0, 5);
              var object = JsonNodeFactory.instance.objectNode();
              object.put("nested", s);
              object.putArray("list").add(1).add(s);
              return object;
            })));
  }
}
