package dev.mp.install;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Path rules for archive entries and links: names are relative and {@code /}-separated, never
 * absolute, never with {@code ..}; a link is followed through the archive's own links the way the
 * kernel would, and must never leave the plugin folder. Stateless.
 */
final class ArchiveEntryPath {
  private static final int MAX_LINK_HOPS = 40;

  private ArchiveEntryPath() {}

  /**
   * The entry's name normalised ({@code ./a//b/} → {@code a/b}), or null when it names the root.
   *
   * @throws IllegalArgumentException saying why the name is refused
   */
  static String normalize(String name) {
    if (name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("has a NUL character");
    }
    if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
      throw new IllegalArgumentException("is an absolute path");
    }
    if (name.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("contains a backslash");
    }
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw new IllegalArgumentException("contains `..`");
      }
      parts.add(part);
    }
    return parts.isEmpty() ? null : String.join("/", parts);
  }

  /**
   * True when the link at {@code linkPath} with {@code target} resolves inside the root, following
   * the other links of the archive ({@code links}: path → target, all relative to the root).
   */
  static boolean staysInside(String linkPath, String target, Map<String, String> links) {
    if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
      return false;
    }
    Deque<String> resolved = new ArrayDeque<>(parents(linkPath));
    Deque<String> pending = new ArrayDeque<>(List.of(target.split("/")));
    int hops = 0;
    while (!pending.isEmpty()) {
      String part = pending.pollFirst();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (resolved.isEmpty()) {
          return false;
        }
        resolved.pollLast();
        continue;
      }
      resolved.addLast(part);
      String here = String.join("/", resolved);
      String next = links.get(here);
      if (next != null) {
        if (++hops > MAX_LINK_HOPS || next.startsWith("/")) {
          return false;
        }
        resolved.pollLast();
        List<String> more = new ArrayList<>(List.of(next.split("/")));
        more.addAll(pending);
        pending = new ArrayDeque<>(more);
      }
    }
    return true;
  }

  private static List<String> parents(String path) {
    List<String> parts = new ArrayList<>(List.of(path.split("/")));
    parts.remove(parts.size() - 1);
    return parts;
  }
}
