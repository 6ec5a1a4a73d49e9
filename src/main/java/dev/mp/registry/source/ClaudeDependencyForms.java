package dev.mp.registry.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which {@code plugin.json} dependencies Claude Code would reject or misread (DESIGN.md §8).
 *
 * <p>mp reads the seed's {@code "lib@^2"} as a name and a range. Claude Code reads the part after
 * {@code @} as a marketplace name: it rejects {@code "lib@~1.0"} and {@code "lib@>=1.0"} ("Invalid
 * input"), reads {@code "lib@1.0.0"} as marketplace {@code 1.0.0}, and drops the range of
 * {@code "lib@^2.0"}. Only the object form {@code {"name", "version"}} has its range enforced by both.
 * Stateless.
 */
public final class ClaudeDependencyForms {
  /** What Claude Code does with a string dependency written in the seed's {@code name@range} form. */
  public enum Reading {
    /** Refused when Claude Code loads the plugin. */
    REJECTED("Claude Code rejects it"),
    /** Read as {@code name@marketplace}, with the version taken for a marketplace name. */
    MISREAD_AS_MARKETPLACE("Claude Code reads the version as a marketplace name"),
    /** Accepted, but the range is not enforced. */
    RANGE_IGNORED("Claude Code ignores the range");

    private final String description;

    Reading(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  /**
   * One dependency Claude Code would not read as mp does.
   *
   * @param index its position in {@code dependencies}
   * @param written the string as written ({@code "lib@^2.0"})
   * @param reading what Claude Code does with it
   * @param accepted the form both read alike ({@code {"name": "lib", "version": "^2.0"}})
   */
  public record Problem(int index, String written, Reading reading, String accepted) {
    /** One line for warnings and errors: {@code dependencies[0] "lib@^2.0": Claude Code ignores the range; write ...}. */
    public String message() {
      return "dependencies[" + index + "] \"" + written + "\": " + reading.description() + "; write " + accepted;
    }
  }

  // What Claude Code takes after `@`: a marketplace name. A version or range is anything else that
  // starts like one.
  private static final Pattern EXACT_VERSION = Pattern.compile("v?\\d+(\\.(\\d+|[xX*]))*(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
  private static final Pattern CARET = Pattern.compile("\\^\\s*v?\\d.*");

  private ClaudeDependencyForms() {}

  /** The problems of a {@code dependencies} value (any JSON; a non-array has none). */
  public static List<Problem> check(JsonNode dependencies) {
    List<Problem> problems = new ArrayList<>();
    if (dependencies == null || !dependencies.isArray()) {
      return problems;
    }
    for (int i = 0; i < dependencies.size(); i++) {
      JsonNode item = dependencies.get(i);
      if (!item.isTextual()) {
        continue;
      }
      String written = item.textValue().trim();
      int at = written.indexOf('@', 1);
      if (at < 0) {
        continue;
      }
      Reading reading = reading(written.substring(at + 1).trim());
      if (reading != null) {
        String name = written.substring(0, at);
        String range = written.substring(at + 1).trim();
        problems.add(new Problem(i, written, reading,
            "{\"name\": \"" + name + "\", \"version\": \"" + range + "\"}"));
      }
    }
    return problems;
  }

  /** How Claude Code reads {@code after} in {@code name@after}, or null when it is a plain marketplace name. */
  static Reading reading(String after) {
    if (after.isEmpty()) {
      return Reading.REJECTED;
    }
    if (EXACT_VERSION.matcher(after).matches()) {
      return Reading.MISREAD_AS_MARKETPLACE;
    }
    if (CARET.matcher(after).matches()) {
      return Reading.RANGE_IGNORED;
    }
    char first = after.charAt(0);
    if (first == '~' || first == '>' || first == '<' || first == '=' || first == '*' || first == '^'
        || after.contains(" ") || after.contains("||")) {
      return Reading.REJECTED;
    }
    return null;
  }
}
