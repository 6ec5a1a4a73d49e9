package dev.mp.lock.sbom;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.Version;
import dev.mp.io.Json;
import dev.mp.io.SafeUrl;
import dev.mp.io.Sha256;
import dev.mp.lock.LockedPlugin;
import dev.mp.lock.Lockfile;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * The locked plugins as an SPDX 2.3 JSON document. Each plugin is a package: its registry as {@code
 * supplier} ({@code Organization: NAME}), its integrity as a {@code SHA512} checksum (of the canonical
 * tree; the archive's own hash, when locked, is an annotation), where it came from as {@code
 * downloadLocation} (a URL or {@code git+URL@commit#folder}; {@code NOASSERTION} for a local path), a
 * generic package URL, and mp's facts — capabilities included — as annotations. The document {@code
 * DESCRIBES} the plugins asked for; each plugin {@code DEPENDS_ON} its dependencies.
 *
 * <p>SPDX requires a creation time: it is {@code SOURCE_DATE_EPOCH} when set (the reproducible-builds
 * convention), else the Unix epoch, so the same lockfile gives the same bytes. The namespace derives
 * from the lockfile's bytes. Stateless.
 */
public final class SpdxSbom {
  /** The specification version written. */
  public static final String SPEC_VERSION = "SPDX-2.3";
  private static final String NOASSERTION = "NOASSERTION";

  private SpdxSbom() {}

  /**
   * @param lockfileBytes the lockfile's canonical bytes (for the namespace)
   * @param created the creation time to write (truncated to seconds)
   */
  public static ObjectNode of(Lockfile lockfile, byte[] lockfileBytes, Instant created) {
    String tool = "Tool: mp-" + Version.current();
    String when = created.truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode doc = Json.object();
    doc.put("spdxVersion", SPEC_VERSION);
    doc.put("dataLicense", "CC0-1.0");
    doc.put("SPDXID", "SPDXRef-DOCUMENT");
    // Nothing about where the project is checked out: the same lockfile names the same document.
    doc.put("name", "Claude Code plugins of plugin-lock.json");
    doc.put("documentNamespace", "https://spdx.org/spdxdocs/mp-plugin-lock-" + SbomFacts.uuid(lockfileBytes));
    ObjectNode creation = doc.putObject("creationInfo");
    creation.put("created", when);
    creation.putArray("creators").add(tool);
    Map<String, String> ids = ids(lockfile);
    ArrayNode packages = doc.putArray("packages");
    for (Map.Entry<String, LockedPlugin> entry : lockfile.plugins().entrySet()) {
      String name = entry.getKey();
      LockedPlugin plugin = entry.getValue();
      String location = lockfile.registries().get(plugin.source());
      ObjectNode node = packages.addObject();
      node.put("SPDXID", ids.get(name));
      node.put("name", name);
      node.put("versionInfo", plugin.version());
      node.put("supplier", "Organization: " + plugin.source());
      node.put("downloadLocation", downloadLocation(plugin.resolved()));
      node.put("filesAnalyzed", false);
      String[] tree = SbomFacts.hash(plugin.integrity());
      if (tree != null) {
        ObjectNode checksum = node.putArray("checksums").addObject();
        checksum.put("algorithm", tree[0].toUpperCase(java.util.Locale.ROOT));
        checksum.put("checksumValue", tree[1]);
      }
      node.put("licenseConcluded", NOASSERTION);
      node.put("licenseDeclared", NOASSERTION);
      node.put("copyrightText", NOASSERTION);
      ObjectNode purl = node.putArray("externalRefs").addObject();
      purl.put("referenceCategory", "PACKAGE-MANAGER");
      purl.put("referenceType", "purl");
      purl.put("referenceLocator", SbomFacts.purl(name, plugin.version()));
      ArrayNode annotations = node.putArray("annotations");
      SbomFacts.properties(plugin, location).forEach((key, value) -> {
        ObjectNode annotation = annotations.addObject();
        annotation.put("annotationDate", when);
        annotation.put("annotationType", "OTHER");
        annotation.put("annotator", tool);
        annotation.put("comment", key + "=" + value);
      });
    }
    ArrayNode relationships = doc.putArray("relationships");
    for (String name : lockfile.plugins().keySet()) {
      if (lockfile.requested().containsKey(name) || lockfile.requested().isEmpty()) {
        relationship(relationships, "SPDXRef-DOCUMENT", "DESCRIBES", ids.get(name));
      }
    }
    lockfile.plugins().forEach((name, plugin) -> plugin.dependencies().stream().filter(ids::containsKey)
        .forEach(dependency -> relationship(relationships, ids.get(name), "DEPENDS_ON", ids.get(dependency))));
    return doc;
  }

  private static void relationship(ArrayNode relationships, String from, String type, String to) {
    ObjectNode node = relationships.addObject();
    node.put("spdxElementId", from);
    node.put("relationshipType", type);
    node.put("relatedSpdxElement", to);
  }

  /**
   * {@code SPDXRef-Plugin-NAME}; characters SPDX ids do not allow become {@code -}, and such a name gets
   * a short hash of itself so two names never share an id.
   */
  static Map<String, String> ids(Lockfile lockfile) {
    Map<String, String> ids = new TreeMap<>();
    for (String name : lockfile.plugins().keySet()) {
      String clean = name.replaceAll("[^A-Za-z0-9.-]", "-");
      ids.put(name, "SPDXRef-Plugin-" + clean
          + (clean.equals(name) ? "" : "-" + Sha256.hex(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 8)));
    }
    return ids;
  }

  /** SPDX's download location of a lockfile {@code resolved}: URLs as they are, git as {@code git+URL@rev#path}. */
  static String downloadLocation(String resolved) {
    if (resolved.startsWith("git+")) {
      int hash = resolved.lastIndexOf('#');
      if (hash < 0) {
        return resolved;
      }
      String at = resolved.substring(hash + 1);
      int colon = at.indexOf(':');
      return resolved.substring(0, hash) + "@" + (colon < 0 ? at : at.substring(0, colon) + "#" + at.substring(colon + 1));
    }
    return SafeUrl.isHttp(resolved) ? resolved : NOASSERTION;
  }
}
