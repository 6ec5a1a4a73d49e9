package dev.mp.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.capability.Capability;
import dev.mp.config.ConfigLoader;
import dev.mp.config.ProjectLayout;
import dev.mp.io.AtomicFiles;
import dev.mp.io.EditDistance;
import dev.mp.io.Glob;
import dev.mp.io.JsonDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code .claude/policies/plugins.yaml}, or the built-in default policy when the project has
 * none, and validates it (DESIGN.md §4). Every problem is a {@code POLICY_CONFIG_ERROR} (exit 2) naming
 * file, line and field; unknown fields are errors too, because a misspelt {@code unles} in a security
 * policy would otherwise silently widen it. A file that exists is never replaced by the default.
 * Stateless and thread-safe.
 */
public final class PolicyLoader {
  private static final List<String> TOP_FIELDS = List.of("rules", "extends");
  private static final List<String> RULE_FIELDS =
      List.of("action", "plugins", "source", "versions", "capabilities", "content", "unless", "reason");
  private static final List<String> UNLESS_FIELDS = List.of("trust_score", "signed");
  private static final String BUILT_IN_LABEL = "(built-in) policies.default.yaml";

  private PolicyLoader() {}

  /**
   * The project's policy, or the built-in default when it has no policy file.
   *
   * @throws MpException {@code POLICY_CONFIG_ERROR} when the project file is malformed or invalid
   */
  public static Policy load(Path projectDir) {
    return load(projectDir, null);
  }

  /**
   * {@link #load(Path)}, with the parsed YAML remembered in mp's cache ({@link
   * JsonDocument#parseYamlCached}): the same bytes are not parsed as YAML twice.
   *
   * @param cacheDir mp's cache folder, or null for none
   */
  public static Policy load(Path projectDir, Path cacheDir) {
    Path file = projectDir.resolve(ProjectLayout.POLICY_FILE);
    byte[] bytes = AtomicFiles.readIfExists(file);
    if (bytes == null) {
      return builtIn(cacheDir);
    }
    return parse(JsonDocument.parseYamlCached(ProjectLayout.POLICY_FILE, bytes, ErrorCode.POLICY_CONFIG_ERROR, cacheDir),
        file);
  }

  /** The default policy shipped inside mp ({@code config/policies.default.yaml}). */
  public static Policy builtInDefault() {
    return builtIn(null);
  }

  private static Policy builtIn(Path cacheDir) {
    return parse(JsonDocument.parseYamlCached(BUILT_IN_LABEL, ConfigLoader.builtInPolicy(), ErrorCode.INTERNAL_ERROR,
        cacheDir), null);
  }

  /**
   * Validates a parsed policy document.
   *
   * @param file where it was read from, or null for the built-in default
   * @throws MpException the document's error code, naming line and field
   */
  public static Policy parse(JsonDocument doc, Path file) {
    JsonNode root = doc.root();
    if (!root.isObject()) {
      throw doc.error("", "expected a mapping with a `rules` list", "start the file with `rules:`");
    }
    refuseUnknown(doc, "", root, TOP_FIELDS, "the top level holds `rules` and `extends`");
    JsonNode list = root.get("rules");
    if (list == null) {
      throw doc.error("", "missing field `rules`", "write `rules: []` for a policy where the registry modes decide");
    }
    if (!list.isArray()) {
      throw doc.error("/rules", "expected a list of rules, found " + describe(list),
          "write `rules: []` for a policy where the registry modes decide");
    }
    List<Rule> rules = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      rules.add(parseRule(doc, "/rules/" + i, list.get(i), i + 1));
    }
    return new Policy(rules, file, parseExtends(doc, root.get("extends")), List.of());
  }

  /**
   * {@code extends: [URL or registry:NAME/path, ...]} (a single string is one entry).
   */
  private static List<PolicyReference> parseExtends(JsonDocument doc, JsonNode node) {
    List<PolicyReference> references = new ArrayList<>();
    if (node == null) {
      return references;
    }
    String hint = "write `extends: [\"https://policies.example.com/plugins.yaml\"]` or `extends: [\"registry:team/policy.yaml\"]`";
    List<JsonNode> items = new ArrayList<>();
    List<String> pointers = new ArrayList<>();
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        items.add(node.get(i));
        pointers.add("/extends/" + i);
      }
    } else {
      items.add(node);
      pointers.add("/extends");
    }
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String at = pointers.get(i);
      if (!item.isTextual() || item.textValue().isBlank()) {
        throw doc.error(at, "expected a policy URL or `registry:NAME/path`, found " + describe(item), hint);
      }
      String location = item.textValue().strip();
      if (!isReference(location)) {
        throw doc.error(at, "`" + location + "` is neither an http(s) URL nor `registry:NAME/path`", hint);
      }
      if (references.stream().anyMatch(r -> r.location().equals(location))) {
        throw doc.error(at, "`" + location + "` is extended twice", "list each organisation policy once");
      }
      references.add(new PolicyReference(location, doc.line(at)));
    }
    return references;
  }

  private static boolean isReference(String location) {
    if (location.startsWith("registry:")) {
      PolicyReference reference = new PolicyReference(location, 0);
      return reference.registry() != null && !reference.registry().isEmpty() && reference.path() != null
          && !reference.path().isEmpty() && !reference.path().startsWith("/")
          && java.util.Arrays.stream(reference.path().split("/")).noneMatch(s -> s.equals(".."));
    }
    try {
      java.net.URI uri = java.net.URI.create(location);
      return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Rule parseRule(JsonDocument doc, String at, JsonNode node, int number) {
    if (!node.isObject()) {
      throw doc.error(at, "expected a rule (a mapping with `action` and `plugins`), found " + describe(node));
    }
    refuseUnknown(doc, at, node, RULE_FIELDS, "a rule has: " + String.join(", ", RULE_FIELDS));
    String actionText = requiredString(doc, at, node, "action");
    Optional<Action> parsedAction = Action.parse(actionText);
    if (parsedAction.isEmpty()) {
      throw doc.error(at + "/action", "unknown action `" + actionText + "`", "use one of: " + Action.choices());
    }
    Action action = parsedAction.get();
    JsonNode plugins = node.get("plugins");
    if (plugins == null) {
      throw doc.error(at, "missing field `plugins`", "list the plugin names or globs: `plugins: [\"name\", \"prefix-*\"]`");
    }
    if (!plugins.isArray() || plugins.isEmpty()) {
      throw doc.error(at + "/plugins", "expected a non-empty list of plugin names or globs, found " + describe(plugins),
          "write `plugins: [\"name\", \"prefix-*\"]`");
    }
    List<Glob> globs = new ArrayList<>(plugins.size());
    for (int p = 0; p < plugins.size(); p++) {
      JsonNode pattern = plugins.get(p);
      if (!pattern.isTextual() || pattern.textValue().isEmpty()) {
        throw doc.error(at + "/plugins/" + p, "expected a plugin name or glob, found " + describe(pattern),
            "`*` matches any run of characters, `?` one character");
      }
      globs.add(Glob.of(pattern.textValue()));
    }
    String source = optionalString(doc, at, node, "source");
    if (source != null && source.isBlank()) {
      throw doc.error(at + "/source", "expected a registry name, found nothing", "name a registry from `mp registry list`");
    }
    VersionFilter versions = null;
    String versionsText = optionalString(doc, at, node, "versions");
    if (versionsText != null) {
      versions = VersionFilter.parse(versionsText).orElseThrow(
          () -> doc.error(at + "/versions", "invalid version range `" + versionsText + "`",
              "use an npm-style range such as \"<1.4.2\", \"^1.2\", \">=1 <2\" or \"1.x\""));
    }
    List<Capability> capabilities = node.has("capabilities") ? parseCapabilities(doc, at, node.get("capabilities")) : null;
    ContentCondition content = null;
    String contentText = optionalString(doc, at, node, "content");
    if (contentText != null) {
      content = ContentCondition.parse(contentText).orElseThrow(() -> doc.error(at + "/content",
          "unknown content condition `" + contentText + "`", "use one of: " + ContentCondition.choices()));
      if (action != Action.DENY) {
        throw doc.error(at + "/content", "`content` applies to `deny` rules only, not to `" + action.wire() + "`",
            "write `action: deny` with `content: hidden-unicode` to block plugins whose files hide text");
      }
    }
    Unless unless = node.has("unless") ? parseUnless(doc, at + "/unless", node.get("unless")) : null;
    String reason = optionalString(doc, at, node, "reason");
    return new Rule(number, doc.line(at), action, globs, source, versions, unless, reason, capabilities, content, null);
  }

  /** {@code capabilities: [hooks, mcp-servers]} (or one name): the rule matches a plugin with any of them. */
  private static List<Capability> parseCapabilities(JsonDocument doc, String at, JsonNode node) {
    String hint = "list what the rule is about, e.g. `capabilities: [hooks, mcp-servers]` (" + Capability.choices() + ")";
    List<JsonNode> items = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(items::add);
    } else {
      items.add(node);
    }
    if (items.isEmpty()) {
      throw doc.error(at + "/capabilities", "expected at least one capability, found an empty list", hint);
    }
    List<Capability> capabilities = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String pointer = node.isArray() ? at + "/capabilities/" + i : at + "/capabilities";
      if (!item.isTextual()) {
        throw doc.error(pointer, "expected a capability name, found " + describe(item), hint);
      }
      String text = item.textValue();
      Capability capability = Capability.parse(text).orElseThrow(() -> {
        String close = EditDistance.closest(text, Capability.names());
        return doc.error(pointer, "unknown capability `" + text + "`",
            close != null ? "did you mean `" + close + "`?" : "use one of: " + Capability.choices());
      });
      if (!capabilities.contains(capability)) {
        capabilities.add(capability);
      }
    }
    return capabilities;
  }

  private static Unless parseUnless(JsonDocument doc, String at, JsonNode node) {
    if (!node.isObject()) {
      throw doc.error(at, "expected a mapping of conditions, found " + describe(node),
          "write `unless: {trust_score: \">= 80\", signed: true}`");
    }
    refuseUnknown(doc, at, node, UNLESS_FIELDS, "`unless` takes `trust_score` and `signed`");
    if (node.isEmpty()) {
      throw doc.error(at, "`unless` needs at least one condition", "give `trust_score: \">= 80\"`, `signed: true`, or both");
    }
    TrustScoreCondition trust = null;
    JsonNode trustNode = node.get("trust_score");
    if (trustNode != null) {
      String hint = "write a comparison and a number in quotes, such as `trust_score: \">= 80\"` (>= <= > < == !=)";
      if (!trustNode.isTextual()) {
        throw doc.error(at + "/trust_score", "expected a comparison such as \">= 80\", found " + describe(trustNode), hint);
      }
      Optional<TrustScoreCondition> parsedTrust = TrustScoreCondition.parse(trustNode.textValue());
      if (parsedTrust.isEmpty()) {
        throw doc.error(at + "/trust_score", "invalid comparison `" + trustNode.textValue() + "`", hint);
      }
      trust = parsedTrust.get();
    }
    Boolean signed = null;
    JsonNode signedNode = node.get("signed");
    if (signedNode != null) {
      if (!signedNode.isBoolean()) {
        throw doc.error(at + "/signed", "expected true or false, found " + describe(signedNode));
      }
      signed = signedNode.booleanValue();
    }
    return new Unless(trust, signed);
  }

  private static void refuseUnknown(JsonDocument doc, String at, JsonNode node, List<String> known, String hint) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      String key = it.next().getKey();
      if (!known.contains(key)) {
        String close = EditDistance.closest(key, known);
        throw doc.error(at + "/" + JsonDocument.escape(key), "unknown field `" + key + "`",
            close == null ? hint : "did you mean `" + close + "`?");
      }
    }
  }

  private static String requiredString(JsonDocument doc, String at, JsonNode node, String field) {
    String value = optionalString(doc, at, node, field);
    if (value == null) {
      throw doc.error(at, "missing field `" + field + "`");
    }
    return value;
  }

  private static String optionalString(JsonDocument doc, String at, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw doc.error(at + "/" + field, "expected a string, found " + describe(value),
          value.isNumber() ? "put the value in quotes" : "write a single string");
    }
    return value.textValue();
  }

  private static String describe(JsonNode node) {
    if (node.isNull() || (node.isTextual() && node.textValue().isEmpty())) {
      return "nothing";
    }
    if (node.isTextual()) {
      return "the string \"" + node.textValue() + "\"";
    }
    if (node.isNumber()) {
      return "the number " + node.asText();
    }
    if (node.isBoolean()) {
      return node.asText();
    }
    if (node.isArray()) {
      return node.isEmpty() ? "an empty list" : "a list";
    }
    return "a mapping";
  }
}
