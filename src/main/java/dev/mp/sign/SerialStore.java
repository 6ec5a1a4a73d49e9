package dev.mp.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.config.RegistrySpec;
import dev.mp.io.AtomicFiles;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import dev.mp.io.JsonDocument;
import dev.mp.io.ProcessLock;
import dev.mp.io.SafeUrl;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The newest signed index accepted from each registry, remembered per user so that rollback
 * protection survives clearing the cache (the cache may be deleted at any time; this file must not
 * be). It lives in the state folder: {@code $MP_STATE_DIR}, else {@code $XDG_STATE_HOME/mp}, else
 * {@code ~/.local/state/mp}, as {@value #FILE_NAME}:
 *
 * <pre>{"registries": {"https://plugins.team.dev/index.json":
 *     {"acceptedAt": "...", "serial": 7, "sha256": "..."}}, "version": 1}</pre>
 *
 * Registries are keyed by location ({@link #registryKey}), not by name, because names are per
 * project and this file is shared by all of a user's projects. Writes are atomic and made under a lock
 * file, and a serial only ever grows, so concurrent mp processes cannot lower it. Thread-safe.
 */
public final class SerialStore {
  public static final String FILE_NAME = "serials.json";
  private static final int FORMAT_VERSION = 1;

  private final Path file;

  public SerialStore(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  /** The store of the user whose environment is {@code env} (take it from {@code Context.env()}). */
  public static SerialStore forUser(Map<String, String> env) {
    return new SerialStore(stateDir(env).resolve(FILE_NAME));
  }

  /** {@code $MP_STATE_DIR}, else {@code $XDG_STATE_HOME/mp}, else {@code $HOME/.local/state/mp}. */
  public static Path stateDir(Map<String, String> env) {
    String explicit = env.get("MP_STATE_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = env.get("XDG_STATE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "mp");
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".local", "state", "mp");
  }

  /**
   * How a registry is named in the store: its URL as shown ({@link SafeUrl#redact}, so no credential is
   * ever stored), or {@code file:} and the absolute path of a local index.
   */
  public static String registryKey(RegistrySpec spec, Path projectDir) {
    if (spec.isRemote()) {
      return SafeUrl.redact(spec.url());
    }
    return projectDir.resolve(spec.url()).toAbsolutePath().normalize().toUri().toString();
  }

  public Path file() {
    return file;
  }

  /**
   * The newest index accepted from the registry {@code registryKey}, if any.
   *
   * @throws MpException {@code CONFIG_ERROR} when the file is malformed, {@code IO_ERROR} when unreadable
   */
  public Optional<AcceptedIndex> find(String registryKey) {
    return Optional.ofNullable(read().get(registryKey)).map(Entry::index);
  }

  /**
   * Remembers {@code index} for the registry unless a newer one (higher serial) or the same serial is
   * already remembered.
   *
   * @return true when the file changed
   * @throws MpException {@code CONFIG_ERROR} when the file is malformed, {@code IO_ERROR} when it
   *     cannot be written
   */
  @SuppressWarnings("try")
  public boolean remember(String registryKey, AcceptedIndex index, Instant now) {
    try (ProcessLock lock = ProcessLock.acquire(file.resolveSibling(FILE_NAME + ".lock"), waiting -> {})) {
      Map<String, Entry> entries = read();
      Entry existing = entries.get(registryKey);
      if (existing != null && existing.index().serial() >= index.serial()) {
        return false;
      }
      entries.put(registryKey, new Entry(index, now.toString()));
      AtomicFiles.write(file, CanonicalJson.sortedBytes(toJson(entries)));
      return true;
    }
  }

  private record Entry(AcceptedIndex index, String acceptedAt) {}

  private Map<String, Entry> read() {
    byte[] bytes = AtomicFiles.readIfExists(file);
    Map<String, Entry> entries = new TreeMap<>();
    if (bytes == null) {
      return entries;
    }
    JsonDocument document = JsonDocument.parseJson(file.toString(), bytes, ErrorCode.CONFIG_ERROR);
    String hint = "delete `" + file + "` to start over; rollback protection then restarts from the next index accepted";
    JsonNode registries = document.root().path("registries");
    if (!document.root().isObject() || !registries.isObject()
        || document.root().path("version").asInt(-1) != FORMAT_VERSION) {
      throw document.error("", "not an mp serials file (version " + FORMAT_VERSION + ")", hint);
    }
    for (Map.Entry<String, JsonNode> field : registries.properties()) {
      JsonNode value = field.getValue();
      String at = "/registries/" + JsonDocument.escape(field.getKey());
      try {
        if (!value.path("serial").isIntegralNumber() || !value.path("sha256").isTextual()) {
          throw new IllegalArgumentException("missing fields");
        }
        AcceptedIndex index = new AcceptedIndex(value.path("serial").asLong(), value.path("sha256").textValue());
        entries.put(field.getKey(), new Entry(index, value.path("acceptedAt").asText("")));
      } catch (IllegalArgumentException e) {
        throw document.error(at, "expected `serial` (integer) and `sha256` (hex)", hint);
      }
    }
    return entries;
  }

  private static ObjectNode toJson(Map<String, Entry> entries) {
    ObjectNode root = Json.object();
    root.put("version", FORMAT_VERSION);
    ObjectNode registries = root.putObject("registries");
    entries.forEach((key, entry) -> {
      ObjectNode node = registries.putObject(key);
      node.put("serial", entry.index().serial());
      node.put("sha256", entry.index().sha256());
      if (!entry.acceptedAt().isEmpty()) {
        node.put("acceptedAt", entry.acceptedAt());
      }
    });
    return root;
  }
}
