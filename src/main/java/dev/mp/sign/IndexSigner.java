package dev.mp.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.integrity.Integrity;
import dev.mp.io.AtomicFiles;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import dev.mp.io.JsonDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Signs a registry index (DESIGN.md §2, §7) so a team can publish it from CI: every plugin entry and
 * every release gets a {@code signature} over its {@link ReleaseStatement} and {@code "signed": true};
 * {@code serial} becomes the previous serial plus one (1 when absent); {@code expires} is set when a
 * lifetime is given. Every other field and the order of keys are kept; new top-level fields go just
 * before {@code plugins}. The index is written with 2-space indent and a final newline, and {@code
 * <index>.sig} holds the signature of exactly those bytes. Stateless and thread-safe.
 */
public final class IndexSigner {
  private IndexSigner() {}

  /**
   * A signed index.
   *
   * @param bytes the index as written
   * @param signature {@code ed25519:BASE64} over {@code bytes}, the content of {@code <index>.sig}
   *     without its newline
   * @param serial the index's new serial
   * @param expires when clients stop accepting the index, or null when it does not expire
   * @param entries how many plugin entries were signed
   * @param releases how many releases (under {@code releases}) were signed
   * @param key the public key that verifies the signatures
   */
  public record SignedIndex(
      byte[] bytes, String signature, long serial, Instant expires, int entries, int releases, Ed25519PublicKey key) {}

  /** {@code <index>.sig}: where the index signature is published, beside the index. */
  public static Path signatureFile(Path index) {
    return index.resolveSibling(index.getFileName() + ".sig");
  }

  /**
   * Signs the index file in place and writes {@code <index>.sig}, each atomically (the index first: a
   * reader in between sees a signature that does not match and refuses the index, never a wrong one
   * accepted).
   *
   * @param label how the file is named in errors
   * @param expiresIn lifetime of the index from {@code now}, or null to keep its {@code expires} as is
   * @throws MpException {@code IO_ERROR} when a file cannot be read or written; see {@link #sign}
   */
  public static SignedIndex signFile(
      Path index, String label, Ed25519PrivateKey key, Duration expiresIn, Instant now) {
    byte[] input;
    try {
      input = Files.readAllBytes(index);
    } catch (IOException e) {
      throw MpException.io("failed to read registry index `" + label + "`", e);
    }
    SignedIndex signed = sign(label, input, key, expiresIn, now);
    AtomicFiles.write(index, signed.bytes());
    AtomicFiles.write(signatureFile(index), (signed.signature() + "\n").getBytes(StandardCharsets.UTF_8));
    return signed;
  }

  /**
   * Signs an index held in memory.
   *
   * @throws MpException {@code CONFIG_ERROR} naming file, line and field when the index is malformed,
   *     an entry or release lacks the {@code version} or {@code integrity} its statement needs, or its
   *     {@code expires} is already past (and no new lifetime is given)
   */
  public static SignedIndex sign(String label, byte[] input, Ed25519PrivateKey key, Duration expiresIn, Instant now) {
    return sign(label, input, key, expiresIn, now, (name, version, integrity) -> false);
  }

  /**
   * Which entries and releases keep the {@code signature} they carry instead of being signed again. A
   * caller may say so only for signatures it knows this key made over the same statement (Ed25519
   * signatures are deterministic, so signing again would give the same bytes): for example the
   * releases of an index whose {@code .sig} verifies under the key, when only other releases changed.
   */
  @FunctionalInterface
  public interface KeepSignature {
    boolean keep(String name, String version, String integrity);
  }

  /**
   * {@link #sign(String, byte[], Ed25519PrivateKey, Duration, Instant)} that keeps the signatures
   * {@code keep} vouches for: publishing one release into an index of thousands signs one statement
   * (and the index), not thousands.
   */
  public static SignedIndex sign(String label, byte[] input, Ed25519PrivateKey key, Duration expiresIn, Instant now,
      KeepSignature keep) {
    JsonDocument document = JsonDocument.parseJson(label, input, ErrorCode.CONFIG_ERROR);
    if (!document.root().isObject()) {
      throw document.error("", "expected a registry index (a JSON object with `plugins`)");
    }
    ObjectNode root = (ObjectNode) document.root();
    checkVersion(document, root);
    JsonNode plugins = root.get("plugins");
    if (plugins == null || !plugins.isObject()) {
      throw document.error(plugins == null ? "" : "/plugins",
          plugins == null ? "no `plugins` object" : "expected an object of plugins by name",
          "`mp registry sign` signs mp registry indexes (`{\"plugins\": {NAME: {...}}}`), not Claude Code marketplace.json files");
    }
    int entries = 0;
    int releases = 0;
    for (Map.Entry<String, JsonNode> plugin : plugins.properties()) {
      String at = "/plugins/" + JsonDocument.escape(plugin.getKey());
      ObjectNode entry = object(document, at, plugin.getValue(), "a plugin entry");
      String name = plugin.getKey();
      requireSame(document, at + "/name", entry.get("name"), name, "the entry's key");
      String version = text(document, at, entry, "version", "plugin `" + name + "`");
      signRelease(document, at, entry, name, version, key, keep);
      entries++;
      JsonNode releaseMap = entry.get("releases");
      if (releaseMap != null) {
        ObjectNode releaseObjects = object(document, at + "/releases", releaseMap, "an object of releases by version");
        for (Map.Entry<String, JsonNode> release : releaseObjects.properties()) {
          String releaseAt = at + "/releases/" + JsonDocument.escape(release.getKey());
          ObjectNode releaseNode = object(document, releaseAt, release.getValue(), "a release");
          requireSame(document, releaseAt + "/version", releaseNode.get("version"), release.getKey(), "the release's key");
          requireSame(document, releaseAt + "/name", releaseNode.get("name"), name, "the plugin's name");
          signRelease(document, releaseAt, releaseNode, name, release.getKey(), key, keep);
          releases++;
        }
      }
    }
    long serial = nextSerial(document, root);
    Instant expires = expires(document, root, expiresIn, now);
    ObjectNode out = withHeader(root, serial, expiresIn == null ? null : expires);
    byte[] bytes = CanonicalJson.toString(out, false).getBytes(StandardCharsets.UTF_8);
    return new SignedIndex(bytes, key.sign(bytes), serial, expires, entries, releases, key.publicKey());
  }

  private static void signRelease(JsonDocument document, String at, ObjectNode node, String name, String version,
      Ed25519PrivateKey key, KeepSignature keep) {
    String subject = "`" + name + "@" + version + "`";
    String integrity = text(document, at, node, "integrity", subject);
    if (!Integrity.isValid(integrity)) {
      throw document.error(at + "/integrity", "not an integrity string: expected `sha512-` and base64");
    }
    String problem = ReleaseStatement.problem(name, version, integrity);
    if (problem != null) {
      throw document.error(at, subject + " cannot be signed: " + problem);
    }
    if (!(node.path("signature").isTextual() && keep.keep(name, version, integrity))) {
      node.put("signature", key.sign(ReleaseStatement.of(name, version, integrity)));
    }
    node.put("signed", true);
  }

  private static void checkVersion(JsonDocument document, ObjectNode root) {
    JsonNode version = root.get("version");
    if (version != null && !(version.canConvertToExactIntegral() && version.asLong() == 1)) {
      throw document.error("/version", "unsupported index version " + version + ": this mp signs version 1",
          "upgrade mp");
    }
  }

  private static long nextSerial(JsonDocument document, ObjectNode root) {
    JsonNode serial = root.get("serial");
    if (serial == null) {
      return 1;
    }
    if (!serial.canConvertToExactIntegral() || !serial.canConvertToLong() || serial.asLong() < 0
        || serial.asLong() == Long.MAX_VALUE) {
      throw document.error("/serial", "expected a non-negative integer, found " + serial);
    }
    return serial.asLong() + 1;
  }

  private static Instant expires(JsonDocument document, ObjectNode root, Duration expiresIn, Instant now) {
    if (expiresIn != null) {
      return now.plus(expiresIn).truncatedTo(ChronoUnit.SECONDS);
    }
    JsonNode existing = root.get("expires");
    if (existing == null) {
      return null;
    }
    Instant instant;
    try {
      instant = existing.isTextual() ? Instant.parse(existing.textValue()) : null;
    } catch (DateTimeParseException e) {
      instant = null;
    }
    if (instant == null) {
      throw document.error("/expires", "expected an ISO time such as `2026-01-01T00:00:00Z`, found " + existing,
          "pass `--expires 30d` to set a new expiry");
    }
    if (!instant.isAfter(now)) {
      throw document.error("/expires", "the index expired at " + instant + "; clients would refuse it",
          "pass `--expires 30d` to set a new expiry");
    }
    return instant;
  }

  /**
   * The root with {@code serial} (and a new {@code expires}, when not null) set in place, or inserted
   * before {@code plugins}.
   */
  private static ObjectNode withHeader(ObjectNode root, long serial, Instant expires) {
    ObjectNode out = Json.object();
    boolean hasSerial = root.has("serial");
    boolean hasExpires = root.has("expires");
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (field.getKey().equals("plugins")) {
        if (!hasSerial) {
          out.put("serial", serial);
        }
        if (!hasExpires && expires != null) {
          out.put("expires", expires.toString());
        }
      }
      if (field.getKey().equals("serial")) {
        out.put("serial", serial);
      } else if (field.getKey().equals("expires") && expires != null) {
        out.put("expires", expires.toString());
      } else {
        out.set(field.getKey(), field.getValue());
      }
    }
    return out;
  }

  private static ObjectNode object(JsonDocument document, String at, JsonNode node, String what) {
    if (!node.isObject()) {
      throw document.error(at, "expected " + what + " (a JSON object)");
    }
    return (ObjectNode) node;
  }

  private static String text(JsonDocument document, String at, ObjectNode node, String field, String subject) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw document.error(at, subject + " has no `" + field + "`, so it cannot be signed",
          field.equals("integrity")
              ? "add its `integrity` (`sha512-...`, the hash of the plugin's canonical tree): the signature covers it"
              : "add its `" + field + "`");
    }
    if (!value.isTextual()) {
      throw document.error(at + "/" + field, "expected a string, found " + value);
    }
    return value.textValue();
  }

  private static void requireSame(JsonDocument document, String at, JsonNode value, String expected, String what) {
    if (value != null && !(value.isTextual() && value.textValue().equals(expected))) {
      throw document.error(at, "`" + value.asText() + "` differs from " + what + " `" + expected + "`",
          "a signature binds one name and version; make them agree");
    }
  }
}
