package dev.mp.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.AtomicFiles;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import dev.mp.io.JsonDocument;
import dev.mp.io.EditDistance;
import dev.mp.io.SafeUrl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads, validates and saves {@code .claude/registries.json}. The project file wins; without one the
 * built-in defaults ({@code config/registries.default.json}, also inside the jar) are used. A file
 * that exists but is malformed or invalid is a {@code CONFIG_ERROR} naming file, line and field, never
 * replaced by the defaults. Stateless and thread-safe.
 */
public final class ConfigLoader {
  /** The project file, relative to the project root. */
  public static final String FILE = ".claude/registries.json";

  static final String DEFAULT_RESOURCE = "/dev/mp/config/defaults/registries.default.json";
  static final String DEFAULT_POLICY_RESOURCE = "/dev/mp/config/defaults/policies.default.yaml";

  private static final Set<String> REGISTRY_FIELDS =
      Set.of("name", "url", "priority", "auth", "policy", "enabled", "keys", "requireSignedIndex");
  /**
   * Registry fields that are validated here but kept in {@link RegistrySpec#extra()} for the parts
   * that use them: {@code oidcAudience} (the OIDC audience, read by the token sources).
   */
  public static final String OIDC_AUDIENCE = "oidcAudience";
  private static final Set<String> DEFAULTS_FIELDS = Set.of("cacheTTL", "conflictResolution", "installDir", "marketplaceName",
      "claudeSettings");
  private static final Set<String> TOP_FIELDS = Set.of("registries", "defaults");

  private ConfigLoader() {}

  /**
   * The project's configuration, or the built-in defaults when the project has no file.
   *
   * @throws MpException {@code CONFIG_ERROR} when the project file is malformed or invalid
   */
  public static LoadedConfig load(Path projectDir) {
    Path file = projectDir.resolve(FILE);
    byte[] bytes = AtomicFiles.readIfExists(file);
    if (bytes == null) {
      return new LoadedConfig(builtInDefaults(), null, List.of());
    }
    List<String> warnings = new ArrayList<>();
    RegistriesConfig config = parse(JsonDocument.parseJson(FILE, bytes, ErrorCode.CONFIG_ERROR), warnings);
    return new LoadedConfig(config, file, warnings);
  }

  /** The defaults shipped inside mp. */
  public static RegistriesConfig builtInDefaults() {
    byte[] bytes = resource(DEFAULT_RESOURCE);
    return parse(
        JsonDocument.parseJson("(built-in) registries.default.json", bytes, ErrorCode.INTERNAL_ERROR),
        new ArrayList<>());
  }

  /** The default policy file shipped inside mp, as bytes. */
  public static byte[] builtInPolicy() {
    return resource(DEFAULT_POLICY_RESOURCE);
  }

  /** The default registries file shipped inside mp, as bytes. */
  public static byte[] builtInRegistries() {
    return resource(DEFAULT_RESOURCE);
  }

  private static byte[] resource(String name) {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new MpException(ErrorCode.INTERNAL_ERROR, "built-in resource missing from the jar: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new MpException(ErrorCode.INTERNAL_ERROR, "cannot read built-in resource " + name, List.of(), e);
    }
  }

  /** Writes {@code config} to the project's file atomically. */
  public static void save(Path projectDir, RegistriesConfig config) {
    AtomicFiles.write(projectDir.resolve(FILE), serialize(config));
  }

  /**
   * Validates a parsed document.
   *
   * @param warnings receives non-fatal findings (likely misspelt fields)
   * @throws MpException the document's error code, naming line and field
   */
  public static RegistriesConfig parse(JsonDocument doc, List<String> warnings) {
    JsonNode root = doc.root();
    if (!root.isObject()) {
      throw doc.error("", "expected a JSON object with a `registries` array");
    }
    JsonNode list = root.get("registries");
    if (list == null) {
      throw doc.error("", "missing field `registries`", "add `\"registries\": []` or run `mp registry add`");
    }
    if (!list.isArray()) {
      throw doc.error("/registries", "expected an array of registries");
    }
    List<RegistrySpec> registries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      RegistrySpec spec = parseRegistry(doc, "/registries/" + i, list.get(i), warnings);
      if (!names.add(spec.name())) {
        throw doc.error("/registries/" + i + "/name", "duplicate registry name `" + spec.name() + "`",
            "registry names must be unique");
      }
      registries.add(spec);
    }
    FederationDefaults defaults = parseDefaults(doc, root.get("defaults"), warnings);
    return new RegistriesConfig(registries, defaults, unknown(doc, "", root, TOP_FIELDS, warnings));
  }

  private static RegistrySpec parseRegistry(JsonDocument doc, String at, JsonNode node, List<String> warnings) {
    if (!node.isObject()) {
      throw doc.error(at, "expected an object with `name` and `url`");
    }
    String name = requiredString(doc, at, node, "name");
    if (!RegistrySpec.isValidName(name)) {
      throw doc.error(at + "/name", "invalid registry name `" + name + "`",
          "names use lowercase letters, digits, `.`, `_` and `-`, and start with a letter or digit");
    }
    String url = requiredString(doc, at, node, "url");
    String urlProblem = urlProblem(url);
    if (urlProblem != null) {
      throw doc.error(at + "/url", urlProblem, urlHint(url));
    }
    int priority = 0;
    JsonNode priorityNode = node.get("priority");
    if (priorityNode != null) {
      if (!priorityNode.isIntegralNumber() || !priorityNode.canConvertToInt()) {
        throw doc.error(at + "/priority", "expected an integer, found " + describe(priorityNode));
      }
      priority = priorityNode.intValue();
    }
    AuthSpec auth = AuthSpec.NONE;
    JsonNode authNode = node.get("auth");
    if (authNode != null) {
      if (!authNode.isTextual()) {
        throw doc.error(at + "/auth", "expected a string, found " + describe(authNode));
      }
      Optional<AuthSpec> parsed = AuthSpec.parse(authNode.textValue());
      if (parsed.isEmpty()) {
        throw doc.error(at + "/auth", "invalid auth `" + authNode.textValue() + "`", "use " + AuthSpec.forms());
      }
      auth = parsed.get();
    }
    PolicyMode policy = PolicyMode.OPEN;
    JsonNode policyNode = node.get("policy");
    if (policyNode != null) {
      if (!policyNode.isTextual()) {
        throw doc.error(at + "/policy", "expected a string, found " + describe(policyNode));
      }
      Optional<PolicyMode> parsed = PolicyMode.parse(policyNode.textValue());
      if (parsed.isEmpty()) {
        throw doc.error(at + "/policy", "unknown policy mode `" + policyNode.textValue() + "`",
            "use one of: " + PolicyMode.choices());
      }
      policy = parsed.get();
    }
    boolean enabled = optionalBoolean(doc, at, node, "enabled", true);
    List<String> keys = new ArrayList<>();
    JsonNode keysNode = node.get("keys");
    if (keysNode != null) {
      if (!keysNode.isArray()) {
        throw doc.error(at + "/keys", "expected an array of `ed25519:BASE64` keys");
      }
      for (int k = 0; k < keysNode.size(); k++) {
        JsonNode key = keysNode.get(k);
        if (!key.isTextual() || !isPublicKey(key.textValue())) {
          throw doc.error(at + "/keys/" + k, "expected an Ed25519 public key `ed25519:BASE64` (32 bytes)",
              "create a key pair with `mp registry keygen FILE`");
        }
        keys.add(key.textValue());
      }
    }
    boolean requireSignedIndex = optionalBoolean(doc, at, node, "requireSignedIndex", false);
    JsonNode audience = node.get(OIDC_AUDIENCE);
    if (audience != null && (!audience.isTextual() || audience.textValue().isBlank())) {
      throw doc.error(at + "/" + OIDC_AUDIENCE, "expected a non-empty string (the audience the registry expects"
          + " in OIDC tokens), found " + describe(audience));
    }
    Map<String, JsonNode> extra = unknown(doc, at, node, REGISTRY_FIELDS, warnings);
    if (audience != null && !(auth instanceof AuthSpec.Oidc)) {
      warnings.add(doc.where(at + "/" + OIDC_AUDIENCE) + ": `" + OIDC_AUDIENCE + "` is used only with `auth: oidc:...`");
    }
    return new RegistrySpec(name, url, priority, auth, policy, enabled, keys, requireSignedIndex, extra);
  }

  private static FederationDefaults parseDefaults(JsonDocument doc, JsonNode node, List<String> warnings) {
    if (node == null) {
      return FederationDefaults.DEFAULT;
    }
    if (!node.isObject()) {
      throw doc.error("/defaults", "expected an object");
    }
    long ttl = FederationDefaults.DEFAULT_CACHE_TTL;
    JsonNode ttlNode = node.get("cacheTTL");
    if (ttlNode != null) {
      if (!ttlNode.isIntegralNumber() || !ttlNode.canConvertToLong() || ttlNode.longValue() < 0) {
        throw doc.error("/defaults/cacheTTL", "expected a whole number of seconds (0 or more), found "
            + describe(ttlNode));
      }
      ttl = ttlNode.longValue();
    }
    ConflictStrategy strategy = ConflictStrategy.HIGHEST_PRIORITY;
    JsonNode strategyNode = node.get("conflictResolution");
    if (strategyNode != null) {
      if (!strategyNode.isTextual()) {
        throw doc.error("/defaults/conflictResolution", "expected a string, found " + describe(strategyNode));
      }
      Optional<ConflictStrategy> parsed = ConflictStrategy.parse(strategyNode.textValue());
      if (parsed.isEmpty()) {
        throw doc.error("/defaults/conflictResolution",
            "unknown strategy `" + strategyNode.textValue() + "`", "use one of: " + ConflictStrategy.choices());
      }
      strategy = parsed.get();
    }
    String installDir = null;
    JsonNode dirNode = node.get("installDir");
    if (dirNode != null) {
      if (!dirNode.isTextual() || dirNode.textValue().isBlank()) {
        throw doc.error("/defaults/installDir", "expected a folder path relative to the project root");
      }
      installDir = dirNode.textValue();
      if (!isPath(installDir)) {
        throw doc.error("/defaults/installDir", "`" + installDir + "` is not a valid folder path on this system");
      }
    }
    String marketplaceName = null;
    JsonNode nameNode = node.get("marketplaceName");
    if (nameNode != null) {
      if (!nameNode.isTextual()) {
        throw doc.error("/defaults/marketplaceName", "expected a string, found " + describe(nameNode),
            "use " + MarketplaceNames.RULE);
      }
      String problem = MarketplaceNames.problem(nameNode.textValue());
      if (problem != null) {
        throw doc.error("/defaults/marketplaceName", "invalid marketplace name `" + nameNode.textValue() + "`: "
            + problem, "use " + MarketplaceNames.RULE + ", such as `mp-my-project`, or remove it for the default");
      }
      marketplaceName = nameNode.textValue();
    }
    Boolean claudeSettings = null;
    JsonNode settingsNode = node.get("claudeSettings");
    if (settingsNode != null) {
      if (!settingsNode.isBoolean()) {
        throw doc.error("/defaults/claudeSettings", "expected true or false, found " + describe(settingsNode));
      }
      claudeSettings = settingsNode.booleanValue();
    }
    return new FederationDefaults(ttl, strategy, installDir, marketplaceName, claudeSettings,
        unknown(doc, "/defaults", node, DEFAULTS_FIELDS, warnings));
  }

  /** Why {@code url} cannot be a registry location, or null when it can. */
  public static String urlProblem(String url) {
    if (url.isBlank()) {
      return "the registry location is empty";
    }
    if (SafeUrl.hasUserInfo(url)) {
      return "the registry URL embeds credentials (`" + SafeUrl.redact(url) + "`); they would be stored and printed";
    }
    int scheme = url.indexOf("://");
    if (scheme > 0 && !SafeUrl.isHttp(url)) {
      return "unsupported URL scheme in `" + SafeUrl.redact(url) + "`: only http, https and paths are supported";
    }
    if (!SafeUrl.isHttp(url) && !isPath(url)) {
      return "`" + url + "` is not a valid path on this system";
    }
    return null;
  }

  /**
   * True when {@code text} can name a file here: no NUL, and every character encodable in the file
   * system's encoding (a project file must never make mp fail with an internal error).
   */
  static boolean isPath(String text) {
    try {
      java.nio.file.Path.of(text);
      return true;
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  private static String urlHint(String url) {
    return SafeUrl.hasUserInfo(url)
        ? "remove the credentials and use `--auth token:ENV_VAR` to read a token from the environment"
        : "use a folder, a `.json` file, or an `https://` URL";
  }

  /** True for {@code ed25519:} followed by the base64 of a 32-byte key. */
  public static boolean isPublicKey(String text) {
    if (!text.startsWith("ed25519:")) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(text.substring("ed25519:".length())).length == 32;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String requiredString(JsonDocument doc, String at, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      throw doc.error(at, "missing field `" + field + "`");
    }
    if (!value.isTextual()) {
      throw doc.error(at + "/" + field, "expected a string, found " + describe(value));
    }
    return value.textValue();
  }

  private static boolean optionalBoolean(JsonDocument doc, String at, JsonNode node, String field, boolean fallback) {
    JsonNode value = node.get(field);
    if (value == null) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw doc.error(at + "/" + field, "expected true or false, found " + describe(value));
    }
    return value.booleanValue();
  }

  private static Map<String, JsonNode> unknown(
      JsonDocument doc, String at, JsonNode node, Set<String> known, List<String> warnings) {
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!known.contains(field.getKey())) {
        extra.put(field.getKey(), field.getValue());
        for (String candidate : known) {
          if (EditDistance.of(candidate.toLowerCase(java.util.Locale.ROOT), field.getKey().toLowerCase(java.util.Locale.ROOT)) <= 2) {
            warnings.add(doc.where(at + "/" + JsonDocument.escape(field.getKey())) + ": unknown field `"
                + field.getKey() + "` (kept as is); did you mean `" + candidate + "`?");
            break;
          }
        }
      }
    }
    return extra;
  }

  static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "the string \"" + node.textValue() + "\"";
    }
    if (node.isNumber()) {
      return "the number " + node.asText();
    }
    if (node.isBoolean()) {
      return node.asText();
    }
    if (node.isNull()) {
      return "null";
    }
    return node.isArray() ? "an array" : "an object";
  }

  /** The file's bytes for {@code config}: known fields in a fixed order, then unknown ones as read. */
  public static byte[] serialize(RegistriesConfig config) {
    ObjectNode root = Json.object();
    ArrayNode list = root.putArray("registries");
    for (RegistrySpec spec : config.registries()) {
      ObjectNode node = list.addObject();
      node.put("name", spec.name());
      node.put("url", spec.url());
      node.put("priority", spec.priority());
      if (!(spec.auth() instanceof AuthSpec.None)) {
        node.put("auth", spec.auth().wire());
      }
      node.put("policy", spec.policy().wire());
      node.put("enabled", spec.enabled());
      if (!spec.keys().isEmpty()) {
        ArrayNode keys = node.putArray("keys");
        spec.keys().forEach(keys::add);
      }
      if (spec.requireSignedIndex()) {
        node.put("requireSignedIndex", true);
      }
      spec.extra().forEach(node::set);
    }
    FederationDefaults defaults = config.defaults();
    ObjectNode defaultsNode = root.putObject("defaults");
    defaultsNode.put("cacheTTL", defaults.cacheTtlSeconds());
    defaultsNode.put("conflictResolution", defaults.conflictResolution().wire());
    if (defaults.installDir() != null) {
      defaultsNode.put("installDir", defaults.installDir());
    }
    if (defaults.marketplaceName() != null) {
      defaultsNode.put("marketplaceName", defaults.marketplaceName());
    }
    if (defaults.claudeSettings() != null) {
      defaultsNode.put("claudeSettings", defaults.claudeSettings());
    }
    defaults.extra().forEach(defaultsNode::set);
    config.extra().forEach(root::set);
    return CanonicalJson.toString(root, false).getBytes(StandardCharsets.UTF_8);
  }
}
