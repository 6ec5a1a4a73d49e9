package dev.mp.install;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites some top-level members of a JSON object in its text and leaves every other byte alone: a
 * member's value is replaced in place, a new member is added after the last one, each written in the
 * file's own style (the indentation of its top-level keys, its line ends, one line when the value or
 * the file was on one line), as {@code JSON.stringify} with that indentation would write it.
 * Immutable; one per text.
 *
 * @param values member name → [start, end) of its object value in {@code text}
 * @param insertAt where a new member goes: just after the last member's value
 * @param empty true when the object has no member
 */
record JsonMembersEdit(String text, Map<String, int[]> values, int insertAt, Style style, boolean empty) {
  /**
   * Reads where the root object's members are.
   *
   * @throws MpException {@code CONFIG_ERROR} when the text cannot be read (it was parsed once already)
   */
  static JsonMembersEdit of(String text, String label) {
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
    return new JsonMembersEdit(text, values, insertAt, Style.of(text, firstKey), empty);
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

  /** A new document in the style Claude Code writes settings (2 spaces). */
  static String render(JsonNode root) {
    return new Style("  ", "\n", false).render(root, 0);
  }

  /**
   * How the file writes JSON: the indentation of a top-level key, the line end, and whether objects
   * sit on one line.
   */
  record Style(String indent, String newline, boolean oneLine) {
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

  static void quote(String text, StringBuilder out) {
    out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
  }
}
