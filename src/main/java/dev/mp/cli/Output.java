package dev.mp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * All printing of the command line goes through here: data on stdout; status, progress, warnings and
 * errors on stderr; with {@code --json} exactly one JSON document on stdout. Colour only when enabled
 * (a terminal, no {@code NO_COLOR}, no {@code --no-color}). Thread-safe for warnings, which arrive
 * from parallel registry fetches.
 */
public final class Output {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;
  private final boolean color;
  private final boolean quiet;
  private final boolean verbose;
  private final List<String> warnings = new ArrayList<>();

  public Output(PrintWriter out, PrintWriter err, boolean json, boolean color, boolean quiet, boolean verbose) {
    this.out = out;
    this.err = err;
    this.json = json;
    this.color = color;
    this.quiet = quiet;
    this.verbose = verbose;
  }

  public boolean json() {
    return json;
  }

  public boolean verbose() {
    return verbose;
  }

  public boolean quiet() {
    return quiet;
  }

  public boolean color() {
    return color;
  }

  /** A line of data on stdout (text mode). */
  public void line(String text) {
    out.println(text);
    out.flush();
  }

  /** Lines of data on stdout (text mode), flushed once: a table of thousands of rows is one write, not one per row. */
  public void lines(List<String> texts) {
    for (String text : texts) {
      out.println(text);
    }
    out.flush();
  }

  /** Status lines on stderr, hidden by {@code -q}, flushed once. */
  public synchronized void statuses(List<String> texts) {
    if (!quiet && !texts.isEmpty()) {
      for (String text : texts) {
        err.println(text);
      }
      err.flush();
    }
  }

  /** Warnings as {@link #warn} prints them, flushed once. */
  public synchronized void warnAll(List<String> texts) {
    warnings.addAll(texts);
    if (!quiet && !texts.isEmpty()) {
      String label = paint("warning", Style.YELLOW) + ": ";
      for (String text : texts) {
        err.println(label + text);
      }
      err.flush();
    }
  }

  /** A status line on stderr, hidden by {@code -q}. */
  public synchronized void status(String text) {
    if (!quiet) {
      err.println(text);
      err.flush();
    }
  }

  /** A warning on stderr (hidden by {@code -q}); also collected for the JSON document. */
  public synchronized void warn(String text) {
    warnings.add(text);
    if (!quiet) {
      err.println(paint("warning", Style.YELLOW) + ": " + text);
      err.flush();
    }
  }

  /** A warning shown only with {@code -v}; always collected for the JSON document. */
  public synchronized void warnMore(String text) {
    warnings.add(text);
    if (verbose && !quiet) {
      err.println(paint("warning", Style.YELLOW) + ": " + text);
      err.flush();
    }
  }

  /** Detail on stderr, only with {@code -v}. */
  public synchronized void debug(String text) {
    if (verbose) {
      err.println(paint(text, Style.DIM));
      err.flush();
    }
  }

  /** The warnings seen so far, for the {@code warnings} member of a JSON result. */
  public synchronized List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * Prints the one JSON document of this run, adding the warnings seen so far as {@code warnings}
   * when there are any (and the document has none of its own).
   */
  public void json(ObjectNode document) {
    object(members -> {
      for (Map.Entry<String, JsonNode> member : document.properties()) {
        members.name(member.getKey()).node(member.getValue());
      }
    }, !document.has("warnings"));
  }

  /** Writes the members of a streamed JSON document's top-level object. */
  @FunctionalInterface
  public interface JsonMembers {
    void write(CanonicalJson.Stream out);
  }

  /**
   * {@link #json(ObjectNode)} for a document written as it is produced: {@code members} writes the
   * top-level object's members, then the warnings seen so far follow as {@code warnings}. The same
   * bytes as the tree would give, without the tree (a resolution of thousands of plugins).
   */
  public void jsonObject(JsonMembers members) {
    object(members, true);
  }

  /** Streams one document in chunks: a result of thousands of plugins is many megabytes of text. */
  private void object(JsonMembers members, boolean withWarnings) {
    CanonicalJson.Stream stream = new CanonicalJson.Stream(out);
    stream.beginObject();
    members.write(stream);
    List<String> seen = withWarnings ? warnings() : List.of();
    if (!seen.isEmpty()) {
      stream.name("warnings").beginArray();
      for (String warning : seen) {
        stream.value(warning);
      }
      stream.endArray();
    }
    try {
      stream.endObject().finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }

  /** The library's reporter, printing through this output. */
  public Reporter reporter() {
    return new Reporter() {
      @Override
      public void warn(String message) {
        Output.this.warn(message);
      }

      @Override
      public void warnMore(String message) {
        Output.this.warnMore(message);
      }

      @Override
      public void info(String message) {
        status(message);
      }

      @Override
      public void debug(String message) {
        Output.this.debug(message);
      }
    };
  }

  /**
   * Prints an error the way every mp error looks ({@code error: ...}, causes with {@code -v}, then
   * {@code hint: ...}), or as {@code {"error": {...}}} with {@code --json}.
   *
   * @return the exit code for it
   */
  public int error(MpException e) {
    if (json) {
      ObjectNode document = Json.object();
      document.set("error", ErrorJson.of(e));
      json(document);
    }
    err.println(paint("error", Style.RED) + ": " + e.getMessage());
    if (verbose) {
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        err.println("  caused by: " + MpException.describe(cause));
      }
    }
    if (!e.hints().isEmpty()) {
      err.println();
      for (String hint : e.hints()) {
        for (String line : hint.split("\n", -1)) {
          err.println(paint("hint", Style.CYAN) + ": " + line);
        }
      }
    }
    err.flush();
    return e.exitCode();
  }

  /** Prints an unexpected exception: one line, the stack trace only with {@code -v}. */
  public int internalError(Throwable t) {
    MpException e =
        new MpException(
            dev.mp.ErrorCode.INTERNAL_ERROR,
            "internal error: " + t.getClass().getName() + ": " + MpException.describe(t),
            List.of(verbose ? "this is a bug in mp; please report it with the output above"
                : "this is a bug in mp; run again with `-v` for details and please report it"),
            t);
    if (verbose) {
      StringWriter trace = new StringWriter();
      t.printStackTrace(new PrintWriter(trace));
      err.print(trace);
    }
    return error(e);
  }

  /** Styles for {@link #paint}. */
  public enum Style {
    BOLD("1"), DIM("2"), RED("31"), GREEN("32"), YELLOW("33"), CYAN("36");

    private final String code;

    Style(String code) {
      this.code = code;
    }
  }

  /** {@code text} in {@code style} when colour is on, else unchanged. */
  public String paint(String text, Style style) {
    return color ? "\u001b[" + style.code + "m" + text + "\u001b[0m" : text;
  }
}
