package dev.mp.io;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON the one way mp writes files and {@code --json} output: 2-space indent, {@code "key": value},
 * {@code \n} line ends and a final newline. With {@code sortKeys} object keys are ordered by code
 * point, which is what makes the lockfile byte-stable; without it, keys keep the order the tree was
 * built in (commands build their trees in a fixed order).
 *
 * <p>Written by hand rather than through Jackson's pretty printer, whose separators and line ends
 * depend on configuration and platform.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** The document as UTF-8 bytes, keys sorted. */
  public static byte[] sortedBytes(JsonNode node) {
    return toString(node, true).getBytes(StandardCharsets.UTF_8);
  }

  public static String toString(JsonNode node, boolean sortKeys) {
    StringBuilder out = new StringBuilder(256);
    write(node, sortKeys, 0, out);
    out.append('\n');
    return out.toString();
  }

  /** One line, no spaces: for JSON Lines files such as the audit trail. */
  public static String compact(JsonNode node, boolean sortKeys) {
    StringBuilder out = new StringBuilder(128);
    writeCompact(node, sortKeys, out);
    return out.toString();
  }

  private static void write(JsonNode node, boolean sortKeys, int depth, StringBuilder out) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = fields(node, sortKeys);
      if (fields.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      for (int i = 0; i < fields.size(); i++) {
        indent(depth + 1, out);
        quote(fields.get(i).getKey(), out);
        out.append(": ");
        write(fields.get(i).getValue(), sortKeys, depth + 1, out);
        out.append(i + 1 < fields.size() ? ",\n" : "\n");
      }
      indent(depth, out);
      out.append('}');
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        indent(depth + 1, out);
        write(node.get(i), sortKeys, depth + 1, out);
        out.append(i + 1 < node.size() ? ",\n" : "\n");
      }
      indent(depth, out);
      out.append(']');
    } else {
      scalar(node, out);
    }
  }

  private static void writeCompact(JsonNode node, boolean sortKeys, StringBuilder out) {
    if (node.isObject()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> field : fields(node, sortKeys)) {
        if (!first) {
          out.append(',');
        }
        first = false;
        quote(field.getKey(), out);
        out.append(':');
        writeCompact(field.getValue(), sortKeys, out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        writeCompact(node.get(i), sortKeys, out);
      }
      out.append(']');
    } else {
      scalar(node, out);
    }
  }

  private static List<Map.Entry<String, JsonNode>> fields(JsonNode node, boolean sortKeys) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.size());
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      fields.add(field);
    }
    if (sortKeys) {
      fields.sort(Map.Entry.comparingByKey());
    }
    return fields;
  }

  private static void scalar(JsonNode node, StringBuilder out) {
    if (node.isTextual()) {
      quote(node.textValue(), out);
    } else if (node.isNull() || node.isMissingNode()) {
      out.append("null");
    } else {
      out.append(node.toString());
    }
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(text, out);
    out.append('"');
  }

  private static void indent(int depth, StringBuilder out) {
    for (int i = 0; i < depth; i++) {
      out.append("  ");
    }
  }
}
