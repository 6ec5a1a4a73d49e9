package dev.mp.resolve;

import dev.mp.resolve.RangeComparator.Operator;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns npm range syntax into sets of primitive comparators, following npm {@code semver} 7's
 * {@code Range} (hyphen ranges, caret, tilde, x-ranges, stars), without its loose mode. Written by hand
 * because semver4j's own range parser disagrees with npm on cases users write ({@code ^0.x},
 * {@code ^0.0}, {@code x}, {@code ||} with an empty side); the versions in the comparators are
 * semver4j's. Stateless; no regular expressions.
 */
final class RangeParser {
  private static final int MAX = 999_999_999;

  private RangeParser() {}

  /** @throws IllegalArgumentException with the reason when {@code text} is not a range */
  static List<List<RangeComparator>> parse(String text) {
    List<List<RangeComparator>> sets = new ArrayList<>(2);
    int start = 0;
    while (true) {
      int bar = text.indexOf("||", start);
      String part = (bar < 0 ? text.substring(start) : text.substring(start, bar)).trim();
      sets.add(parseSet(part));
      if (bar < 0) {
        return List.copyOf(sets);
      }
      start = bar + 2;
    }
  }

  private static List<RangeComparator> parseSet(String part) {
    if (part.isEmpty()) {
      return List.of(RangeComparator.ANY);
    }
    List<String> tokens = tokens(part);
    List<RangeComparator> set = new ArrayList<>(2);
    if (tokens.size() == 3 && tokens.get(1).equals("-")) {
      try {
        hyphen(PartialVersion.parse(tokens.get(0)), PartialVersion.parse(tokens.get(2)), set);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("`" + part + "` is not a hyphen range"
            + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
      }
    } else {
      for (String token : tokens) {
        comparator(token, set);
      }
    }
    if (set.size() > 1) {
      set.removeIf(RangeComparator::isAny);
    }
    return set.isEmpty() ? List.of(RangeComparator.ANY) : List.copyOf(set);
  }

  /** Whitespace-separated tokens, with an operator standing alone joined to what follows ({@code >= 1}). */
  private static List<String> tokens(String part) {
    List<String> raw = new ArrayList<>();
    int i = 0;
    while (i < part.length()) {
      while (i < part.length() && Character.isWhitespace(part.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < part.length() && !Character.isWhitespace(part.charAt(i))) {
        i++;
      }
      if (i > start) {
        raw.add(part.substring(start, i));
      }
    }
    List<String> joined = new ArrayList<>(raw.size());
    for (int t = 0; t < raw.size(); t++) {
      String token = raw.get(t);
      if (isOperatorOnly(token) && t + 1 < raw.size()) {
        joined.add(token + raw.get(++t));
      } else {
        joined.add(token);
      }
    }
    return joined;
  }

  private static boolean isOperatorOnly(String token) {
    switch (token) {
      case "<": case "<=": case ">": case ">=": case "=": case "~": case "~>": case "^":
        return true;
      default:
        return false;
    }
  }

  private static void comparator(String token, List<RangeComparator> out) {
    String operator = operatorOf(token);
    try {
      PartialVersion p = PartialVersion.parse(token.substring(operator.length()));
      switch (operator) {
        case "^":
          caret(p, out);
          break;
        case "~":
        case "~>":
          tilde(p, out);
          break;
        default:
          xRange(operator, p, out);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("`" + token + "` is not a version comparator"
          + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
    }
  }

  private static String operatorOf(String token) {
    for (String operator : new String[] {"~>", ">=", "<=", "~", "^", ">", "<", "="}) {
      if (token.startsWith(operator)) {
        return operator;
      }
    }
    return "";
  }

  private static void caret(PartialVersion p, List<RangeComparator> out) {
    if (p.xMajor()) {
      out.add(RangeComparator.ANY);
    } else if (p.xMinor()) {
      range(at(p.major, 0, 0, null), at(p.major + 1, 0, 0, "0"), out);
    } else if (p.xPatch()) {
      Version upper = p.major == 0 ? at(0, p.minor + 1, 0, "0") : at(p.major + 1, 0, 0, "0");
      range(at(p.major, p.minor, 0, null), upper, out);
    } else {
      Version upper = p.major != 0 ? at(p.major + 1, 0, 0, "0")
          : p.minor != 0 ? at(0, p.minor + 1, 0, "0") : at(0, 0, p.patch + 1, "0");
      range(p.full(), upper, out);
    }
  }

  private static void tilde(PartialVersion p, List<RangeComparator> out) {
    if (p.xMajor()) {
      out.add(RangeComparator.ANY);
    } else if (p.xMinor()) {
      range(at(p.major, 0, 0, null), at(p.major + 1, 0, 0, "0"), out);
    } else if (p.xPatch()) {
      range(at(p.major, p.minor, 0, null), at(p.major, p.minor + 1, 0, "0"), out);
    } else {
      range(p.full(), at(p.major, p.minor + 1, 0, "0"), out);
    }
  }

  private static void xRange(String operator, PartialVersion p, List<RangeComparator> out) {
    if (p.star) {
      // npm drops a star with `>=`/`=`/none to "any", and keeps `<*`/`>*` as "nothing".
      out.add(operator.equals("<") || operator.equals(">") ? new RangeComparator(Operator.LT, at(0, 0, 0, "0"))
          : RangeComparator.ANY);
      return;
    }
    boolean anyX = p.xPatch();
    String op = operator.equals("=") && anyX ? "" : operator;
    if (p.xMajor()) {
      out.add(op.equals(">") || op.equals("<") ? new RangeComparator(Operator.LT, at(0, 0, 0, "0")) : RangeComparator.ANY);
    } else if (!op.isEmpty() && anyX) {
      int major = p.major;
      int minor = p.xMinor() ? 0 : p.minor;
      int patch = 0;
      String pre = null;
      if (op.equals(">")) {
        op = ">=";
        if (p.xMinor()) {
          major++;
          minor = 0;
        } else {
          minor++;
        }
      } else if (op.equals("<=")) {
        op = "<";
        if (p.xMinor()) {
          major++;
        } else {
          minor++;
        }
      }
      if (op.equals("<")) {
        pre = "0";
      }
      out.add(new RangeComparator(operator(op), at(major, minor, patch, pre)));
    } else if (p.xMinor()) {
      range(at(p.major, 0, 0, null), at(p.major + 1, 0, 0, "0"), out);
    } else if (p.xPatch()) {
      range(at(p.major, p.minor, 0, null), at(p.major, p.minor + 1, 0, "0"), out);
    } else {
      out.add(new RangeComparator(op.isEmpty() || op.equals("=") ? Operator.EQ : operator(op), p.full()));
    }
  }

  private static void hyphen(PartialVersion from, PartialVersion to, List<RangeComparator> out) {
    if (from.xMajor()) {
      out.add(RangeComparator.ANY);
    } else if (from.xMinor()) {
      out.add(new RangeComparator(Operator.GTE, at(from.major, 0, 0, null)));
    } else if (from.xPatch()) {
      out.add(new RangeComparator(Operator.GTE, at(from.major, from.minor, 0, null)));
    } else {
      out.add(new RangeComparator(Operator.GTE, from.full()));
    }
    if (to.xMajor()) {
      out.add(RangeComparator.ANY);
    } else if (to.xMinor()) {
      out.add(new RangeComparator(Operator.LT, at(to.major + 1, 0, 0, "0")));
    } else if (to.xPatch()) {
      out.add(new RangeComparator(Operator.LT, at(to.major, to.minor + 1, 0, "0")));
    } else {
      out.add(new RangeComparator(Operator.LTE, to.full()));
    }
  }

  private static void range(Version lower, Version upper, List<RangeComparator> out) {
    out.add(new RangeComparator(Operator.GTE, lower));
    out.add(new RangeComparator(Operator.LT, upper));
  }

  private static Operator operator(String symbol) {
    switch (symbol) {
      case ">":
        return Operator.GT;
      case ">=":
        return Operator.GTE;
      case "<":
        return Operator.LT;
      case "<=":
        return Operator.LTE;
      default:
        return Operator.EQ;
    }
  }

  private static Version at(int major, int minor, int patch, String pre) {
    if (major > MAX || minor > MAX || patch > MAX) {
      throw new IllegalArgumentException("version number too large");
    }
    return Version.bound(major, minor, patch, pre);
  }
}
