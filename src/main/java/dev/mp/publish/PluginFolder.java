package dev.mp.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.install.ExtractionLimits;
import dev.mp.install.LinkSafety;
import dev.mp.integrity.TreeHash;
import dev.mp.io.Json;
import dev.mp.io.JsonDocument;
import dev.mp.registry.PluginNames;
import dev.mp.registry.source.ClaudeDependencyForms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A plugin folder about to be packed or published, checked the way a registry must check it: a
 * {@code .claude-plugin/plugin.json} that is a JSON object with a valid {@code name} and a SemVer 2.0
 * {@code version}, well-formed {@code dependencies} in either syntax, no link leading out of the
 * folder, and no more than the installer's own limits allow. The file list is the canonical tree
 * hash's walk ({@code .git/} skipped), so what is packed is exactly what is hashed.
 *
 * @param root the folder
 * @param label how the folder is named in messages
 * @param name the plugin's name from {@code plugin.json}
 * @param version its version, SemVer 2.0
 * @param description its description, or null
 * @param dependencies {@code dependencies} as written (an array, possibly empty)
 * @param claudeProblems dependencies Claude Code would reject or misread (empty when none)
 * @param files the walked files and links, sorted by path as UTF-8 bytes
 */
public record PluginFolder(Path root, String label, String name, String version, String description,
    ArrayNode dependencies, List<ClaudeDependencyForms.Problem> claudeProblems, List<TreeHash.FileRef> files) {
  public static final String MANIFEST = ".claude-plugin/plugin.json";

  /** SemVer 2.0.0's own expression: no leading {@code v}, no leading zeros, three numbers. */
  private static final Pattern SEMVER = Pattern.compile(
      "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
          + "(-((0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
          + "(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?");

  public PluginFolder {
    claudeProblems = List.copyOf(claudeProblems);
    files = List.copyOf(files);
  }

  /** True when {@code version} is a SemVer 2.0 version as written ({@code 1.0.0}, not {@code 1.0} or {@code v1.0.0}). */
  public static boolean isSemver(String version) {
    return version != null && version.length() <= 256 && SEMVER.matcher(version).matches();
  }

  /**
   * Reads and checks the folder.
   *
   * @throws MpException {@code USAGE_ERROR} when {@code root} is not a folder; {@code PLUGIN_INVALID}
   *     naming file, line and field for a missing or invalid manifest; {@code UNSAFE_PACKAGE} for a link
   *     that leaves the folder or a tree over the installer's limits; {@code IO_ERROR} when it cannot be read
   */
  public static PluginFolder read(Path root, String label) {
    if (!Files.isDirectory(root)) {
      throw MpException.usage("`" + label + "` is not a folder",
          Files.exists(root) ? "give the plugin's folder (the one holding `.claude-plugin/plugin.json`)"
              : "no such file or folder");
    }
    Path manifest = root.resolve(MANIFEST);
    String manifestLabel = label + "/" + MANIFEST;
    if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
      throw new MpException(ErrorCode.PLUGIN_INVALID,
          "`" + label + "` has no `" + MANIFEST + "`" + (Files.isSymbolicLink(manifest) ? " (it is a link)" : ""),
          "a published plugin describes itself in `" + MANIFEST + "`: {\"name\": \"my-plugin\", \"version\": \"1.0.0\"}");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(manifest);
    } catch (IOException e) {
      throw MpException.io("failed to read `" + manifestLabel + "`", e);
    }
    JsonDocument document = JsonDocument.parseJson(manifestLabel, bytes, ErrorCode.PLUGIN_INVALID);
    JsonNode json = document.root();
    if (!json.isObject()) {
      throw document.error("", "expected a JSON object", "{\"name\": \"my-plugin\", \"version\": \"1.0.0\"}");
    }
    String name = requiredText(document, "name", "the plugin's name");
    if (!PluginNames.isInstallable(name)) {
      throw document.error("/name", "`" + name + "` is not a valid plugin name",
          PluginNames.INSTALLABLE_RULE);
    }
    String version = requiredText(document, "version", "the release's version");
    if (!isSemver(version)) {
      throw document.error("/version", "`" + version + "` is not a SemVer 2.0 version",
          "a published release needs MAJOR.MINOR.PATCH, e.g. `" + suggestion(version) + "`");
    }
    JsonNode description = json.get("description");
    if (description != null && !description.isNull() && !description.isTextual()) {
      throw document.error("/description", "expected a string");
    }
    ArrayNode dependencies = dependencies(document);
    List<TreeHash.FileRef> files = TreeHash.walk(root);
    checkTree(files, label);
    String text = description == null || description.isNull() || description.textValue().isBlank()
        ? null : description.textValue().trim();
    return new PluginFolder(root, label, name, version, text, dependencies,
        ClaudeDependencyForms.check(dependencies), files);
  }

  private static String requiredText(JsonDocument document, String field, String what) {
    JsonNode value = document.root().get(field);
    if (value == null || value.isNull()) {
      throw document.error("", "no `" + field + "` (" + what + ")",
          "a published plugin needs `name` and `version` in `" + MANIFEST + "`");
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw document.error("/" + field, "expected a non-empty string, found " + value);
    }
    return value.textValue();
  }

  private static ArrayNode dependencies(JsonDocument document) {
    JsonNode node = document.root().get("dependencies");
    if (node == null || node.isNull()) {
      return Json.array();
    }
    if (!node.isArray()) {
      throw document.error("/dependencies", "expected an array");
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      String at = "/dependencies/" + i;
      if (item.isTextual()) {
        String text = item.textValue().trim();
        int split = text.indexOf('@', 1);
        if (!PluginNames.isInstallable(split < 0 ? text : text.substring(0, split))) {
          throw document.error(at, "`" + item.textValue() + "` does not start with a plugin name",
              "write `name` or {\"name\": \"name\", \"version\": \"^1.0.0\"}");
        }
      } else if (item.isObject()) {
        JsonNode name = item.get("name");
        if (name == null || !name.isTextual() || !PluginNames.isInstallable(name.textValue())) {
          throw document.error(at + (name == null ? "" : "/name"), "expected a plugin name in `name`");
        }
        for (String field : List.of("version", "marketplace")) {
          JsonNode value = item.get(field);
          if (value != null && !value.isNull() && !value.isTextual()) {
            throw document.error(at + "/" + field, "expected a string, found " + value);
          }
        }
      } else {
        throw document.error(at, "expected a plugin name or {\"name\", \"version\"}, found " + item);
      }
    }
    return (ArrayNode) node;
  }

  private static void checkTree(List<TreeHash.FileRef> files, String label) {
    LinkSafety.EscapingLink escaping = LinkSafety.findEscaping(files, label);
    if (escaping != null) {
      throw new MpException(ErrorCode.UNSAFE_PACKAGE,
          "`" + label + "/" + escaping.path() + "` is a link to `" + escaping.target() + "`, outside the plugin folder",
          "a published plugin must hold what it uses: copy the file into the folder or remove the link;"
              + " installers refuse such links");
    }
    ExtractionLimits limits = ExtractionLimits.DEFAULT;
    long bytes = 0;
    java.util.Set<String> folders = new java.util.HashSet<>();
    for (TreeHash.FileRef file : files) {
      if (file.attributes().isRegularFile()) {
        bytes += file.attributes().size();
      }
      for (int slash = file.path().indexOf('/'); slash > 0; slash = file.path().indexOf('/', slash + 1)) {
        folders.add(file.path().substring(0, slash));
      }
    }
    long entries = files.size() + folders.size() + 1;
    if (entries > limits.maxEntries() || bytes > limits.maxBytes()) {
      throw new MpException(ErrorCode.UNSAFE_PACKAGE,
          "`" + label + "` would pack to " + entries + " entries of " + (bytes >> 20) + " MiB in all; installers"
              + " refuse packages of more than " + limits.maxEntries() + " entries or " + (limits.maxBytes() >> 20)
              + " MiB",
          "leave build output and dependencies out of the plugin folder");
    }
  }

  private static String suggestion(String version) {
    String bare = version.trim().replaceFirst("^[vV=]", "");
    String[] parts = bare.split("\\.", -1);
    if (parts.length < 3 && bare.matches("\\d+(\\.\\d+)?")) {
      return parts.length == 1 ? bare + ".0.0" : bare + ".0";
    }
    return bare.matches("\\d+\\.\\d+\\.\\d+.*") ? bare : "1.0.0";
  }
}
