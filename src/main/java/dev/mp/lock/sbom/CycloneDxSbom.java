package dev.mp.lock.sbom;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.Version;
import dev.mp.io.Json;
import dev.mp.io.SafeUrl;
import dev.mp.lock.LockedPlugin;
import dev.mp.lock.Lockfile;
import java.util.Map;

/**
 * The locked plugins as a CycloneDX 1.6 JSON bill of materials. Each plugin is a component of type
 * {@code application}: its registry as {@code supplier}, its integrity (the canonical tree hash) as a
 * {@code SHA-512} hash, where it was fetched from as a {@code distribution} reference (with the archive's
 * own hash when locked), a generic package URL, and mp's facts — registry, signature, trust score and
 * every capability — as {@code mp:} properties. {@code dependencies} gives each plugin's dependencies.
 * No timestamp; the serial number derives from the lockfile's bytes: the same lockfile gives the same
 * bytes. Stateless.
 */
public final class CycloneDxSbom {
  /** The specification version written. */
  public static final String SPEC_VERSION = "1.6";

  private CycloneDxSbom() {}

  /** @param lockfileBytes the lockfile's canonical bytes (for the serial number) */
  public static ObjectNode of(Lockfile lockfile, byte[] lockfileBytes) {
    ObjectNode bom = Json.object();
    bom.put("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
    bom.put("bomFormat", "CycloneDX");
    bom.put("specVersion", SPEC_VERSION);
    bom.put("serialNumber", "urn:uuid:" + SbomFacts.uuid(lockfileBytes));
    bom.put("version", 1);
    ObjectNode metadata = bom.putObject("metadata");
    ObjectNode tool = metadata.putObject("tools").putArray("components").addObject();
    tool.put("type", "application");
    tool.put("name", "mp");
    tool.put("version", Version.current());
    ArrayNode components = bom.putArray("components");
    ArrayNode dependencies = bom.putArray("dependencies");
    for (Map.Entry<String, LockedPlugin> entry : lockfile.plugins().entrySet()) {
      String name = entry.getKey();
      LockedPlugin plugin = entry.getValue();
      String location = lockfile.registries().get(plugin.source());
      ObjectNode component = components.addObject();
      component.put("type", "application");
      component.put("bom-ref", ref(name, lockfile));
      ObjectNode supplier = component.putObject("supplier");
      supplier.put("name", plugin.source());
      if (location != null && isIri(location)) {
        supplier.putArray("url").add(location);
      }
      component.put("name", name);
      component.put("version", plugin.version());
      String[] tree = SbomFacts.hash(plugin.integrity());
      if (tree != null) {
        hash(component.putArray("hashes"), tree);
      }
      component.put("purl", SbomFacts.purl(name, plugin.version()));
      if (isIri(plugin.resolved())) {
        ObjectNode distribution = component.putArray("externalReferences").addObject();
        distribution.put("type", "distribution");
        distribution.put("url", plugin.resolved());
        String[] archive = SbomFacts.hash(plugin.archiveIntegrity());
        if (archive != null) {
          hash(distribution.putArray("hashes"), archive);
        }
      }
      ArrayNode properties = component.putArray("properties");
      SbomFacts.properties(plugin, location).forEach((key, value) -> {
        ObjectNode property = properties.addObject();
        property.put("name", key);
        property.put("value", value);
      });
      ObjectNode dependency = dependencies.addObject();
      dependency.put("ref", ref(name, lockfile));
      ArrayNode dependsOn = dependency.putArray("dependsOn");
      plugin.dependencies().stream().filter(lockfile.plugins()::containsKey).forEach(d -> dependsOn.add(ref(d, lockfile)));
    }
    return bom;
  }

  private static String ref(String name, Lockfile lockfile) {
    return name + "@" + lockfile.plugins().get(name).version();
  }

  private static void hash(ArrayNode hashes, String[] hash) {
    ObjectNode node = hashes.addObject();
    node.put("alg", switch (hash[0]) {
      case "sha256" -> "SHA-256";
      case "sha384" -> "SHA-384";
      default -> "SHA-512";
    });
    node.put("content", hash[1]);
  }

  /** True for a URL or a relative reference CycloneDX accepts as {@code iri-reference}: no spaces or controls. */
  private static boolean isIri(String text) {
    return !text.isEmpty() && text.chars().noneMatch(c -> c <= ' ' || c == '\\' || c == '"' || c == '<' || c == '>')
        && !SafeUrl.hasUserInfo(text);
  }
}
