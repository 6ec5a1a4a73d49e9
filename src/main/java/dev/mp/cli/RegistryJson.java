package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.config.RegistrySpec;
import dev.mp.io.Json;
import dev.mp.io.SafeUrl;

/** How a registry looks in JSON output; never a secret. */
final class RegistryJson {
  private RegistryJson() {}

  static ObjectNode of(RegistrySpec spec) {
    ObjectNode node = Json.object();
    node.put("name", spec.name());
    node.put("url", safeUrl(spec));
    node.put("priority", spec.priority());
    node.put("policy", spec.policy().wire());
    node.put("enabled", spec.enabled());
    node.put("auth", spec.auth().wire());
    ArrayNode keys = node.putArray("keys");
    spec.keys().forEach(keys::add);
    node.put("requireSignedIndex", spec.requireSignedIndex());
    return node;
  }

  static String safeUrl(RegistrySpec spec) {
    return SafeUrl.redact(spec.url());
  }
}
