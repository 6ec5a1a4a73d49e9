package dev.mp.install;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.Json;
import dev.mp.io.JsonDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps a project's {@code .claude/settings.json} in step with what mp installed, the form Claude Code
 * (2.1.332) loads for everyone who clones the repository:
 *
 * <pre>
 * "extraKnownMarketplaces": {"mp-proj": {"source": {"source": "directory", "path": "./.claude/plugins"}}},
 * "enabledPlugins": {"review-bot@mp-proj": true}
 * </pre>
 *
 * {@code enabledPlugins} gets exactly the installed plugins of the marketplace; keys of the same
 * marketplace for other plugins go, as do the declarations of earlier names of it (the previous
 * {@code marketplace.json} name, and any other name declared for the same folder) with their {@code
 * enabledPlugins} keys. Everything else is left byte for byte: other keys, their order, the indentation,
 * the line ends and the final newline; only the values of the two keys are rewritten, in the file's own
 * indentation, and only when their content changes. Stateless.
 */
public final class ClaudeSettings {
  static final String MARKETPLACES = "extraKnownMarketplaces";
  static final String ENABLED = "enabledPlugins";

  private ClaudeSettings() {}

  /**
   * The file's new bytes.
   *
   * @param existing the file's bytes, or null when there is none
   * @param label how the file is named in errors
   * @param marketplace the generated marketplace's name
   * @param path where it is, as Claude Code should read it ({@code ./.claude/plugins})
   * @param formerNames earlier names of the same marketplace (may be empty)
   * @param plugins the installed plugins' names
   * @return the bytes to write; {@code existing} itself when nothing changes
   * @throws MpException {@code CONFIG_ERROR} when the file is not a JSON object, or its two keys are not
   *     objects (nothing is written then)
   */
  public static byte[] update(byte[] existing, String label, String marketplace, String path,
      Collection<String> formerNames, Collection<String> plugins) {
    if (existing == null) {
      ObjectNode root = Json.object();
      root.set(MARKETPLACES, marketplaces(Json.object(), marketplace, path, Set.of()));
      ObjectNode enabled = enabled(Json.object(), marketplace, Set.of(), plugins);
      if (!enabled.isEmpty()) {
        root.set(ENABLED, enabled);
      }
      return (new Style("  ", "\n", false).render(root, 0) + "\n").getBytes(StandardCharsets.UTF_8);
    }
    JsonNode root = JsonDocument.parseJson(label, existing, ErrorCode.CONFIG_ERROR).root();
    if (!root.isObject()) {
      throw new MpException(ErrorCode.CONFIG_ERROR, label + ": expected a JSON object",
          "fix the file, or set `defaults.claudeSettings` to false in `.claude/registries.json`");
    }
    for (String key : List.of(MARKETPLACES, ENABLED)) {
      if (root.has(key) && !root.get(key).isObject()) {
        throw new MpException(ErrorCode.CONFIG_ERROR, label + ": `" + key + "` must be an object",
            "fix the file, or set `defaults.claudeSettings` to false in `.claude/registries.json`");
      }
    }
    ObjectNode declared = root.has(MARKETPLACES) ? (ObjectNode) root.get(MARKETPLACES) : Json.object();
    Set<String> former = new TreeSet<>(formerNames);
    declared.properties().forEach(entry -> {
      JsonNode source = entry.getValue().path("source");
      if (!entry.getKey().equals(marketplace) && "directory".equals(source.path("source").asText())
          && samePath(path, source.path("path").asText())) {
        former.add(entry.getKey());
      }
    });
    former.remove(marketplace);
    ObjectNode newMarketplaces = marketplaces(declared, marketplace, path, former);
    ObjectNode oldEnabled = root.has(ENABLED) ? (ObjectNode) root.get(ENABLED) : Json.object();
    ObjectNode newEnabled = enabled(oldEnabled, marketplace, former, plugins);
    String text = new String(existing, StandardCharsets.UTF_8);
    Edit edit = Edit.of(text, label);
    Map<String, JsonNode> changed = new LinkedHashMap<>();
    if (!newMarketplaces.equals(root.get(MARKETPLACES))) {
      changed.put(MARKETPLACES, newMarketplaces);
    }
    if (!newEnabled.equals(root.has(ENABLED) ? root.get(ENABLED) : Json.object())) {
      changed.put(ENABLED, newEnabled);
    }
    if (changed.isEmpty()) {
      return existing;
    }
    return edit.apply(changed).getBytes(StandardCharsets.UTF_8);
  }

  /** True when two spellings of a relative folder are the same ({@code ./.claude/plugins}, {@code .claude/plugins/}). */
  static boolean samePath(String a, String b) {
    return normalize(a).equals(normalize(b));
  }

  private static String normalize(String path) {
    String p = path.replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    while (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static ObjectNode marketplaces(ObjectNode declared, String marketplace, String path, Set<String> former) {
    ObjectNode result = Json.object();
    declared.properties().forEach(entry -> {
      if (!former.contains(entry.getKey())) {
        result.set(entry.getKey(), entry.getValue());
      }
    });
    ObjectNode ours = result.get(marketplace) instanceof ObjectNode existing ? existing.deepCopy() : Json.object();
    ObjectNode source = Json.object();
    source.put("source", "directory");
    source.put("path", path);
    ours.set("source", source);
    result.set(marketplace, ours);
    return result;
  }

  private static ObjectNode enabled(ObjectNode current, String marketplace, Set<String> former,
      Collection<String> plugins) {
    ObjectNode result = Json.object();
    Set<String> wanted = new TreeSet<>();
    plugins.forEach(plugin -> wanted.add(plugin + "@" + marketplace));
    current.properties().forEach(entry -> {
      String key = entry.getKey();
      int at = key.lastIndexOf('@');
      String of = at < 0 ? null : key.substring(at + 1);
      if (former.contains(of)) {
        return;
      }
      if (marketplace.equals(of)) {
        if (wanted.remove(key)) {
          result.put(key, true);
        }
        return;
      }
      result.set(key, entry.getValue());
    });
    wanted.forEach(key -> result.put(key, true));
    return result;
  }

  /** Where the root object's members are in the text, and how the file is laid out. */
  private record Edit(String text, Map<String, int[]> values, int insertAt, Style style, boolean empty) {
    static Edit of(String text, String label) {
      Map<String, int[]> values = new LinkedHashMap<>();
      int rootEnd;
      int firstKey = -1;
      boolean empty = true;
      try (JsonParser parser = Json.factory().createParser(text)) {
        parser.nextToken();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          empty = false;
          if (firstKey < 0) {
            firstKey = (int) parser.currentTokenLocation().getCharOffset();
          }
          String key = parser.currentName();
          JsonToken value = parser.nextToken();
          int start = (int) parser.currentTokenLocation().getCharOffset();
          parser.skipChildren();
          if (value == JsonToken.START_OBJECT) {
            values.put(key, new int[] {start, (int) parser.currentTokenLocation().getCharOffset() + 1});
          }
        }
        rootEnd = (int) parser.currentTokenLocation().getCharOffset();
      } catch (IOException e) {
        throw new MpException(ErrorCode.CONFIG_ERROR, label + ": cannot be read: " + MpException.describe(e));
      }
      int insertAt = rootEnd;
      while (insertAt > 0 && Character.isWhitespace(text.charAt(insertAt - 1))) {
        insertAt--;
      }
      return new Edit(text, values, insertAt, Style.of(text, firstKey), empty);
    }

    String apply(Map<String, JsonNode> changed) {
      StringBuilder out = new StringBuilder(text);
      List<Map.Entry<String, JsonNode>> appended = new ArrayList<>();
      // Replace from the end of the text, so earlier offsets stay valid.
      List<Map.Entry<String, int[]>> spans = new ArrayList<>(values.entrySet());
      spans.sort((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]));
      for (Map.Entry<String, JsonNode> change : changed.entrySet()) {
        if (!values.containsKey(change.getKey())) {
          appended.add(change);
        }
      }
      StringBuilder tail = new StringBuilder();
      boolean first = empty;
      for (Map.Entry<String, JsonNode> member : appended) {
        tail.append(first ? "" : ",").append(style.memberBreak());
        first = false;
        quote(member.getKey(), tail);
        tail.append(": ").append(style.render(member.getValue(), 1));
      }
      if (empty && !appended.isEmpty()) {
        tail.append(style.closingBreak());
      }
      out.insert(insertAt, tail);
      for (Map.Entry<String, int[]> span : spans) {
        JsonNode value = changed.get(span.getKey());
        if (value != null) {
          String old = text.substring(span.getValue()[0], span.getValue()[1]);
          Style local = old.indexOf('\n') < 0 ? style.inline() : style;
          out.replace(span.getValue()[0], span.getValue()[1], local.render(value, 1));
        }
      }
      return out.toString();
    }
  }

  /**
   * How the file writes JSON: the indentation of a top-level key, the line end, and whether objects
   * sit on one line.
   */
  private record Style(String indent, String newline, boolean oneLine) {
    static Style of(String text, int firstKey) {
      String newline = text.contains("\r\n") ? "\r\n" : "\n";
      if (firstKey < 0) {
        return new Style("  ", newline, false);
      }
      int lineStart = firstKey;
      while (lineStart > 0 && text.charAt(lineStart - 1) != '\n' && Character.isWhitespace(text.charAt(lineStart - 1))) {
        lineStart--;
      }
      boolean ownLine = lineStart == 0 || text.charAt(lineStart - 1) == '\n';
      return ownLine ? new Style(text.substring(lineStart, firstKey), newline, false) : new Style("  ", newline, true);
    }

    Style inline() {
      return new Style(indent, newline, true);
    }

    String memberBreak() {
      return oneLine ? " " : newline + indent;
    }

    String closingBreak() {
      return oneLine ? " " : newline;
    }

    /** {@code value} as JSON.stringify with this indentation writes it, at {@code depth}. */
    String render(JsonNode value, int depth) {
      StringBuilder out = new StringBuilder();
      render(value, depth, out);
      return out.toString();
    }

    private void render(JsonNode value, int depth, StringBuilder out) {
      if (value.isObject() && !value.isEmpty()) {
        out.append('{');
        Iterator<Map.Entry<String, JsonNode>> fields = value.properties().iterator();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          out.append(oneLine ? "" : newline + indent.repeat(depth + 1));
          quote(field.getKey(), out);
          out.append(": ");
          render(field.getValue(), depth + 1, out);
          out.append(fields.hasNext() ? (oneLine ? ", " : ",") : "");
        }
        out.append(oneLine ? "" : newline + indent.repeat(depth)).append('}');
      } else if (value.isArray() && !value.isEmpty()) {
        out.append('[');
        for (int i = 0; i < value.size(); i++) {
          out.append(oneLine ? "" : newline + indent.repeat(depth + 1));
          render(value.get(i), depth + 1, out);
          out.append(i + 1 < value.size() ? (oneLine ? ", " : ",") : "");
        }
        out.append(oneLine ? "" : newline + indent.repeat(depth)).append(']');
      } else if (value.isTextual()) {
        quote(value.textValue(), out);
      } else {
        out.append(value.isObject() ? "{}" : value.isArray() ? "[]" : value.toString());
      }
    }
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
  }
}
