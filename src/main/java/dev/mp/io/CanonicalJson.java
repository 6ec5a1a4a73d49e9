package dev.mp.io;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON the one way mp writes files and {@code --json} output: 2-space indent, {@code "key": value},
 * {@code \n} line ends and a final newline. With {@code sortKeys} object keys are ordered by code
 * point, which is what makes the lockfile byte-stable; without it, keys keep the order the tree was
 * built in (commands build their trees in a fixed order).
 *
 * <p>Written by hand rather than through Jackson's pretty printer, whose separators and line ends
 * depend on configuration and platform. {@link #write(JsonNode, boolean, Writer)} streams a document
 * in chunks, so printing a result of many megabytes never holds it whole in memory twice over.
 */
public final class CanonicalJson {
  /** Text handed to a {@link Writer} at a time: big enough for few calls, small enough to stay in cache. */
  private static final int CHUNK = 16 * 1024;
  private static final String SPACES = " ".repeat(2 * Json.MAX_DEPTH);

  private CanonicalJson() {}

  /** The document as UTF-8 bytes, keys sorted. */
  public static byte[] sortedBytes(JsonNode node) {
    return toString(node, true).getBytes(StandardCharsets.UTF_8);
  }

  public static String toString(JsonNode node, boolean sortKeys) {
    Text out = new Text(new StringBuilder(256), null);
    write(node, sortKeys, 0, out);
    out.text.append('\n');
    return out.text.toString();
  }

  /**
   * Writes the document to {@code writer} exactly as {@link #toString} gives it, in chunks; does not
   * flush.
   *
   * @throws IOException when the writer fails
   */
  public static void write(JsonNode node, boolean sortKeys, Writer writer) throws IOException {
    Text out = new Text(new StringBuilder(2 * CHUNK), writer);
    try {
      write(node, sortKeys, 0, out);
      out.text.append('\n');
      out.drain();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * One document written as it is produced, in exactly the form {@link #write(JsonNode, boolean,
   * Writer)} gives the same tree (keys in the order written): for results of thousands of objects,
   * whose tree of nodes and maps cost more than the text itself. A value may also be a tree ({@link
   * #node}). Not thread-safe; misuse (a name inside an array, unbalanced ends) is a bug and throws.
   */
  public static final class Stream {
    private final Text sink;
    /** Per open container: how many members it has so far, and whether it is an array. */
    private final int[] members = new int[Json.MAX_DEPTH + 2];
    private final boolean[] array = new boolean[Json.MAX_DEPTH + 2];
    private int depth;

    public Stream(Writer writer) {
      this.sink = new Text(new StringBuilder(2 * CHUNK), writer);
    }

    public Stream beginObject() {
      return open(false, '{');
    }

    public Stream beginArray() {
      return open(true, '[');
    }

    public Stream endObject() {
      return close(false, '}');
    }

    public Stream endArray() {
      return close(true, ']');
    }

    /** The next member's name, in an object. */
    public Stream name(String key) {
      if (depth == 0 || array[depth]) {
        throw new IllegalStateException("a name outside an object: " + key);
      }
      member();
      quote(key, sink.text);
      sink.text.append(": ");
      return this;
    }

    /** A string, or {@code null}. */
    public Stream value(String text) {
      element();
      if (text == null) {
        sink.text.append("null");
      } else {
        quote(text, sink.text);
      }
      return this;
    }

    public Stream value(long number) {
      element();
      sink.text.append(number);
      return this;
    }

    public Stream value(boolean flag) {
      element();
      sink.text.append(flag);
      return this;
    }

    public Stream nullValue() {
      element();
      sink.text.append("null");
      return this;
    }

    /** A tree, as {@link #write(JsonNode, boolean, Writer)} writes it at this depth; null is {@code null}. */
    public Stream node(JsonNode node) {
      element();
      if (node == null) {
        sink.text.append("null");
      } else {
        CanonicalJson.write(node, false, depth, sink);
      }
      return this;
    }

    /** Ends the document with its final newline and hands what is left to the writer (not flushed). */
    public void finish() throws IOException {
      if (depth != 0) {
        throw new IllegalStateException(depth + " containers left open");
      }
      sink.text.append('\n');
      try {
        sink.drain();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }

    private Stream open(boolean isArray, char bracket) {
      element();
      sink.text.append(bracket);
      depth++;
      members[depth] = 0;
      array[depth] = isArray;
      return this;
    }

    private Stream close(boolean isArray, char bracket) {
      if (depth == 0 || array[depth] != isArray) {
        throw new IllegalStateException("unbalanced `" + bracket + "`");
      }
      if (members[depth] > 0) {
        sink.text.append('\n');
        indent(depth - 1, sink.text);
      }
      sink.text.append(bracket);
      depth--;
      return this;
    }

    /** Before a value: in an array, it is the next element (after a name, the name placed it). */
    private void element() {
      if (depth > 0 && array[depth]) {
        member();
      }
    }

    private void member() {
      sink.drainIfFull();
      sink.text.append(members[depth] > 0 ? ",\n" : "\n");
      indent(depth, sink.text);
      members[depth]++;
    }
  }

  /** The text being written and, when streaming, where full chunks go. */
  private static final class Text {
    final StringBuilder text;
    private final Writer writer;

    Text(StringBuilder text, Writer writer) {
      this.text = text;
      this.writer = writer;
    }

    void drainIfFull() {
      if (writer != null && text.length() >= CHUNK) {
        drain();
      }
    }

    void drain() {
      try {
        // As a string: a writer that encodes strings as a whole (the command line's) copies bytes
        // rather than widening every character to a char.
        writer.write(text.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      text.setLength(0);
    }
  }

  /** One line, no spaces: for JSON Lines files such as the audit trail. */
  public static String compact(JsonNode node, boolean sortKeys) {
    StringBuilder out = new StringBuilder(128);
    writeCompact(node, sortKeys, out);
    return out.toString();
  }

  /** Appends {@code node} as {@link #compact} writes it, keys in the tree's order. */
  public static void appendCompact(JsonNode node, StringBuilder out) {
    writeCompact(node, false, out);
  }

  /** Appends {@code text} as a JSON string. */
  public static void appendQuoted(String text, StringBuilder out) {
    quote(text, out);
  }

  private static void write(JsonNode node, boolean sortKeys, int depth, Text sink) {
    StringBuilder out = sink.text;
    if (node.isObject()) {
      if (node.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      Iterator<Map.Entry<String, JsonNode>> fields =
          sortKeys ? fields(node, true).iterator() : node.properties().iterator();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        indent(depth + 1, out);
        quote(field.getKey(), out);
        out.append(": ");
        write(field.getValue(), sortKeys, depth + 1, sink);
        out.append(fields.hasNext() ? ",\n" : "\n");
        sink.drainIfFull();
      }
      indent(depth, out);
      out.append('}');
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0, n = node.size(); i < n; i++) {
        indent(depth + 1, out);
        write(node.get(i), sortKeys, depth + 1, sink);
        out.append(i + 1 < n ? ",\n" : "\n");
        sink.drainIfFull();
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
    } else if (node.isBoolean()) {
      out.append(node.booleanValue());
    } else if (node.isInt() || node.isLong()) {
      // What Jackson writes for these, without its JsonNode.toString(), which builds an ObjectMapper
      // on first use and a generator on every call.
      out.append(node.longValue());
    } else if (node.isBigInteger()) {
      out.append(node.bigIntegerValue());
    } else {
      out.append(node.toString());
    }
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"');
    if (needsEscaping(text)) {
      escape(text, out);
    } else {
      out.append(text);
    }
    out.append('"');
  }

  /**
   * Jackson's escaping, except that a lone surrogate (which a JSON document may carry as {@code
   * \\ud800}) is written as such an escape too: UTF-8 cannot hold it, and the encoder would write
   * {@code ?}, so a value read from a registry or a lockfile came back changed (found by
   * LockfileCodecFuzzTest).
   */
  private static void escape(String text, StringBuilder out) {
    int start = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        i++;
      } else if (Character.isSurrogate(c)) {
        JsonStringEncoder.getInstance().quoteAsString(text.substring(start, i), out);
        out.append(String.format("\\u%04X", (int) c));
        start = i + 1;
      }
    }
    JsonStringEncoder.getInstance().quoteAsString(text.substring(start), out);
  }

  /**
   * True when JSON needs an escape in {@code text}: a quote, a backslash, a control character or a
   * surrogate (checked further by {@link #escape}).
   */
  private static boolean needsEscaping(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static void indent(int depth, StringBuilder out) {
    if (2 * depth <= SPACES.length()) {
      out.append(SPACES, 0, 2 * depth);
      return;
    }
    for (int i = 0; i < depth; i++) {
      out.append("  ");
    }
  }
}
