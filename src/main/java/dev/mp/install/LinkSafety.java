package dev.mp.install;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.integrity.TreeHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses a plugin tree holding a symbolic link that resolves outside the plugin folder (absolute,
 * {@code ..} past the root, or through another link of the tree): once installed, such a link would
 * let the plugin read or write files of the project. Applies to every kind of package, folders and git
 * checkouts included, and to what {@code mp pack} publishes. Stateless.
 */
public final class LinkSafety {
  private LinkSafety() {}

  /**
   * A link of the tree that resolves outside it.
   *
   * @param path the link's relative path
   * @param target what it points at, as written
   */
  public record EscapingLink(String path, String target) {}

  static void check(Path root, String pluginName) {
    check(TreeHash.walk(root), pluginName);
  }

  /** Checks an already walked tree. */
  static void check(List<TreeHash.FileRef> files, String pluginName) {
    EscapingLink escaping = findEscaping(files, pluginName);
    if (escaping != null) {
      throw new MpException(ErrorCode.UNSAFE_PACKAGE,
          "refused `" + pluginName + "`: `" + escaping.path() + "` is a link to `" + escaping.target()
              + "`, outside the plugin folder",
          "the package is unsafe to install; nothing was installed");
    }
  }

  /**
   * The first link (in walk order) of an already walked tree that resolves outside it, or null.
   *
   * @param label how the tree is named when a link cannot be read
   * @throws MpException {@code IO_ERROR} when a link cannot be read
   */
  public static EscapingLink findEscaping(List<TreeHash.FileRef> files, String label) {
    Map<String, String> links = new HashMap<>();
    try {
      for (TreeHash.FileRef ref : files) {
        if (ref.attributes().isSymbolicLink()) {
          links.put(ref.path(), Files.readSymbolicLink(ref.file()).toString());
        }
      }
    } catch (IOException e) {
      throw MpException.io("failed to read links of `" + label + "`", e);
    }
    for (TreeHash.FileRef ref : files) {
      String target = links.get(ref.path());
      if (target != null && !ArchiveEntryPath.staysInside(ref.path(), target, links)) {
        return new EscapingLink(ref.path(), target);
      }
    }
    return null;
  }
}
