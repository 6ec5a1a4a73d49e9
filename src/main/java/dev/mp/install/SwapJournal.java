package dev.mp.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.AtomicFiles;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import dev.mp.io.JsonDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The swap of a staging folder into the install folder, crash-safe by a journal (as a database
 * commits): the staging folder receives {@code journal.json} (plugins to place, plugins to remove,
 * files to write) and is then renamed from {@code *.mp-staging-*} to {@code *.mp-commit-*}. That one
 * rename is the commit point:
 *
 * <ul>
 *   <li>killed before it, the project is exactly as it was; the next run deletes the staging folder;
 *   <li>killed after it, the next mp run that takes the project lock rolls the swap forward. Every
 *       step is idempotent: a plugin is placed by moving the old folder aside and the staged one in,
 *       and a step whose source is gone has already happened.
 * </ul>
 *
 * The lockfile, {@code marketplace.json} and {@code .mp-state.json} are written last, each by an
 * atomic rename. Not thread-safe; callers hold the project lock.
 */
final class SwapJournal {
  static final String STAGING = ".mp-staging-";
  static final String COMMIT = ".mp-commit-";
  private static final String JOURNAL = "journal.json";

  private SwapJournal() {}

  /** Writes the journal, renames staging to commit, rolls forward; returns the commit folder (gone). */
  static Path commit(Path staging, Path installDir, Set<String> install, Set<String> remove,
      Map<Path, byte[]> files, Runnable afterCommitPoint) {
    ObjectNode journal = Json.object();
    journal.put("installDir", installDir.toString());
    ArrayNode installed = journal.putArray("install");
    install.stream().sorted().forEach(installed::add);
    ArrayNode removed = journal.putArray("remove");
    remove.stream().sorted().forEach(removed::add);
    ArrayNode written = journal.putArray("files");
    int i = 0;
    for (Map.Entry<Path, byte[]> file : new java.util.TreeMap<>(files).entrySet()) {
      String staged = "files/" + i++;
      AtomicFiles.write(staging.resolve(staged), file.getValue());
      written.addObject().put("target", file.getKey().toString()).put("staged", staged);
    }
    AtomicFiles.write(staging.resolve(JOURNAL), CanonicalJson.sortedBytes(journal));
    Set<Path> changed = new java.util.TreeSet<>();
    changed.add(installDir);
    files.keySet().forEach(target -> changed.add(target.toAbsolutePath().getParent()));
    checkWritable(changed);
    Path commit = staging.resolveSibling(staging.getFileName().toString().replace(STAGING, COMMIT));
    try {
      AtomicFiles.moveAtomically(staging, commit);
    } catch (IOException e) {
      throw MpException.io("failed to commit the install (nothing was changed)", e);
    }
    afterCommitPoint.run();
    rollForward(commit);
    return commit;
  }

  /**
   * Fails before the commit point when a folder the roll forward must change (or its nearest existing
   * parent, for one still to be made) is not a writable folder, a read-only mount say: once
   * committed, a swap that cannot complete would block every later mp command until the folder is
   * writable again. Asks the operating system ({@code access(2)}, which also answers for root on a
   * read-only file system) rather than writing a probe file, which a killed run would leave behind.
   */
  private static void checkWritable(Set<Path> folders) {
    for (Path folder : folders) {
      Path existing = folder;
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing != null && !(Files.isDirectory(existing) && Files.isWritable(existing))) {
        throw new MpException(ErrorCode.IO_ERROR, "cannot write to `" + existing + "` (nothing was changed)",
            "make it writable, then run the command again");
      }
    }
  }

  /** Completes a committed swap; safe to run any number of times. */
  static void rollForward(Path commit) {
    byte[] bytes = AtomicFiles.readIfExists(commit.resolve(JOURNAL));
    if (bytes == null) {
      // The journal goes only when the finished swap's folder is deleted: a run killed while deleting
      // it (found by bench/faults.sh) left a complete swap, and only the folder's rest to delete.
      Trees.deleteOrThrow(commit);
      return;
    }
    JsonNode journal = JsonDocument.parseJson(commit.resolve(JOURNAL).toString(), bytes, ErrorCode.IO_ERROR).root();
    Path installDir = Path.of(journal.get("installDir").asText());
    Path trash = commit.resolve("trash");
    try {
      Files.createDirectories(installDir);
      Files.createDirectories(trash);
      for (JsonNode name : journal.get("remove")) {
        moveAside(installDir.resolve(name.asText()), trash.resolve(name.asText()));
      }
      for (JsonNode name : journal.get("install")) {
        Path staged = commit.resolve("plugins").resolve(name.asText());
        if (Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
          moveAside(installDir.resolve(name.asText()), trash.resolve(name.asText()));
          Files.move(staged, installDir.resolve(name.asText()));
        }
      }
      for (JsonNode file : journal.get("files")) {
        Path staged = commit.resolve(file.get("staged").asText());
        if (Files.exists(staged)) {
          Path target = Path.of(file.get("target").asText());
          Files.createDirectories(target.getParent());
          AtomicFiles.moveAtomically(staged, target);
        }
      }
    } catch (IOException e) {
      throw MpException.io("failed to complete the install; the next mp command will finish it", e);
    }
    Trees.deleteOrThrow(commit);
  }

  private static void moveAside(Path installed, Path trash) throws IOException {
    if (Files.exists(installed, LinkOption.NOFOLLOW_LINKS)) {
      Trees.delete(trash);
      Files.move(installed, trash);
    }
  }

  /** Staging and commit folders of {@code installDir} left by earlier runs, oldest name first. */
  static List<Path> leftovers(Path installDir) {
    Path parent = installDir.getParent();
    String prefix = "." + installDir.getFileName();
    List<Path> found = new ArrayList<>();
    if (parent == null || !Files.isDirectory(parent)) {
      return found;
    }
    try (var entries = Files.list(parent)) {
      entries.filter(p -> {
        String name = p.getFileName().toString();
        return name.startsWith(prefix + STAGING) || name.startsWith(prefix + COMMIT);
      }).sorted().forEach(found::add);
    } catch (IOException e) {
      throw MpException.io("failed to list `" + parent + "`", e);
    }
    return found;
  }

  static boolean isCommit(Path leftover) {
    return leftover.getFileName().toString().contains(COMMIT);
  }
}
