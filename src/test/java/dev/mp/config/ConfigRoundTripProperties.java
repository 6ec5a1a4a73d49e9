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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ConfigRoundTripProperties {
  private static final List<String> KEYS = List.of(
      "ed25519:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
      "ed25519:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

  @Property(tries = 300)
  void saveThenLoadGivesTheSameConfig(@ForAll("configs") RegistriesConfig config) {
    byte[] bytes = ConfigLoader.serialize(config);
    RegistriesConfig loaded = ConfigLoader.parse(
        JsonDocument.parseJson("registries.json", bytes, ErrorCode.CONFIG_ERROR), new ArrayList<>());
    assertThat(loaded).isEqualTo(config);
    assertThat(ConfigLoader.serialize(loaded)).isEqualTo(bytes);
  }

  @Provide
  Arbitrary<RegistriesConfig> configs() {
    Arbitrary<List<RegistrySpec>> registries = registry().list().ofMaxSize(6)
        .uniqueElements(RegistrySpec::name);
    Arbitrary<FederationDefaults> defaults = Combinators.combine(
            Arbitraries.longs().between(0, 1_000_000),
            Arbitraries.of(ConflictStrategy.class),
            Arbitraries.of("vendor/plugins", ".claude/plugins").injectNull(0.5),
            extras(List.of("cacheTTL", "conflictResolution", "installDir")))
        .as(FederationDefaults::new);
    return Combinators.combine(registries, defaults, extras(List.of("registries", "defaults")))
        .as(RegistriesConfig::new);
  }

  private Arbitrary<RegistrySpec> registry() {
    Arbitrary<String> names = Arbitraries.strings().withChars("abcxyz019._-").ofMinLength(1).ofMaxLength(10)
        .filter(RegistrySpec::isValidName);
    Arbitrary<String> urls = Arbitraries.oneOf(
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(s -> "./" + s),
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(s -> "https://" + s + ".dev/index.json"));
    Arbitrary<AuthSpec> auth = Arbitraries.oneOf(
        Arbitraries.just(AuthSpec.NONE),
        Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(8).map(AuthSpec.Token::new),
        Arbitraries.of("github-actions", "env:ID_TOKEN", "https://issuer.dev").map(AuthSpec.Oidc::new));
    return Combinators.combine(
            names, urls, Arbitraries.integers(), auth, Arbitraries.of(PolicyMode.class),
            Arbitraries.of(true, false), Arbitraries.of(KEYS).list().ofMaxSize(2), Arbitraries.of(true, false))
        .as((name, url, priority, a, policy, enabled, keys, signed) ->
            new RegistrySpec(name, url, priority, a, policy, enabled, keys, signed, Map.of()))
        .flatMap(spec -> extras(List.of("name", "url", "priority", "auth", "policy", "enabled", "keys", "requireSignedIndex"))
            .map(extra -> new RegistrySpec(spec.name(), spec.url(), spec.priority(), spec.auth(), spec.policy(),
                spec.enabled(), spec.keys(), spec.requireSignedIndex(), extra)));
  }

  /** Unknown fields with any JSON value, never shadowing a known field. */
  private Arbitrary<Map<String, JsonNode>> extras(List<String> known) {
    Arbitrary<String> keys = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).filter(k -> !known.contains(k));
    Arbitrary<JsonNode> values = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(10).map(JsonNodeFactory.instance::textNode),
        Arbitraries.integers().map(JsonNodeFactory.instance::numberNode),
        Arbitraries.of(true, false).map(JsonNodeFactory.instance::booleanNode),
        Arbitraries.strings().alpha().ofMaxLength(5).map(s -> {
          var object = JsonNodeFactory.instance.objectNode();
          object.put("nested", s);
          object.putArray("list").add(1).add(s);
          return (JsonNode) object;
        }));
    return Arbitraries.maps(keys, values).ofMaxSize(3).map(LinkedHashMap::new);
  }
}
