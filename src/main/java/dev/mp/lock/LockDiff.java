package dev.mp.lock;

import dev.mp.Context;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.config.ProjectLayout;
import dev.mp.install.GitRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code lock diff}: the current lockfile against a base — the lockfile at git {@code HEAD} by
 * default ({@code git show HEAD:./plugin-lock.json} in the project folder), a file, or another git
 * revision. With no git repository, or no lockfile in {@code HEAD}, the base is an empty lockfile and
 * the result says so. Stateless apart from its context.
 */
public final class LockDiff {
  private final Context context;
  private final ProjectLayout layout;

  public LockDiff(Context context, ProjectLayout layout) {
    this.context = context;
    this.layout = layout;
  }

  /**
   * @param againstFile a lockfile to compare with, or null
   * @param gitRevision a git revision whose lockfile to compare with, or null (then {@code HEAD})
   * @throws MpException {@code LOCKFILE_ERROR} when the current lockfile or an explicit base is missing
   *     or unreadable; {@code USAGE_ERROR} when both a file and a revision are given
   */
  public LockDiffResult diff(Path againstFile, String gitRevision) {
    if (againstFile != null && gitRevision != null) {
      throw MpException.usage("`--against` and `--git` cannot be used together", "pick one base to compare with");
    }
    Lockfile current = LockfileCodec.load(layout.lockfile(), ProjectLayout.LOCKFILE).orElseThrow(() ->
        new MpException(ErrorCode.LOCKFILE_ERROR, "no `" + ProjectLayout.LOCKFILE + "` to compare",
            "run `mp lock generate` first"));
    if (againstFile != null) {
      Path file = layout.root().resolve(againstFile);
      String label = layout.display(file);
      Lockfile base = LockfileCodec.load(file, label).orElseThrow(() ->
          new MpException(ErrorCode.LOCKFILE_ERROR, "no such lockfile: `" + label + "`"));
      return compare(label, null, base, current);
    }
    String revision = gitRevision == null ? "HEAD" : gitRevision;
    String label = "git " + revision;
    GitRunner git = GitRunner.find(context.env()).orElse(null);
    if (git == null) {
      if (gitRevision != null) {
        throw new MpException(ErrorCode.LOCKFILE_ERROR, "`git` is not installed; cannot read `" + revision + "`",
            "install git, or compare with a file: `mp lock diff --against FILE`");
      }
      return compare(label, "`git` is not installed: compared with an empty lockfile", Lockfile.empty(), current);
    }
    try {
      if (!git.run(layout.root(), "rev-parse", "--is-inside-work-tree").ok()) {
        if (gitRevision != null) {
          throw new MpException(ErrorCode.LOCKFILE_ERROR, "the project is not in a git repository; cannot read `" + revision + "`",
              "compare with a file: `mp lock diff --against FILE`");
        }
        return compare(label, "not a git repository: compared with an empty lockfile", Lockfile.empty(), current);
      }
      String spec = revision + ":./" + ProjectLayout.LOCKFILE;
      GitRunner.Result shown = git.run(layout.root(), "show", spec);
      if (!shown.ok()) {
        if (gitRevision != null && !git.run(layout.root(), "rev-parse", "--verify", "-q", revision + "^{commit}").ok()) {
          throw new MpException(ErrorCode.LOCKFILE_ERROR, "unknown git revision `" + revision + "`",
              "name a commit, branch or tag, e.g. `mp lock diff --git origin/main`");
        }
        return compare(label, "`" + ProjectLayout.LOCKFILE + "` is not in " + label
            + ": compared with an empty lockfile", Lockfile.empty(), current);
      }
      Lockfile base = LockfileCodec.parse(spec, shown.output().getBytes(StandardCharsets.UTF_8));
      return compare(label, null, base, current);
    } catch (IOException e) {
      throw MpException.io("failed to run `git`", e);
    }
  }

  /** The changes from {@code base} to {@code current}. */
  public static LockDiffResult compare(String label, String note, Lockfile base, Lockfile current) {
    List<LockDiffResult.Change> added = new ArrayList<>();
    List<LockDiffResult.Change> removed = new ArrayList<>();
    List<LockDiffResult.Change> updated = new ArrayList<>();
    List<LockDiffResult.Change> moved = new ArrayList<>();
    List<LockDiffResult.Change> entries = new ArrayList<>();
    List<LockDiffResult.CapabilityChange> capabilities = new ArrayList<>();
    java.util.Map<String, dev.mp.capability.Capabilities> addedCapabilities = new java.util.TreeMap<>();
    TreeSet<String> names = new TreeSet<>(base.plugins().keySet());
    names.addAll(current.plugins().keySet());
    for (String name : names) {
      LockedPlugin before = base.plugins().get(name);
      LockedPlugin after = current.plugins().get(name);
      if (before == null) {
        added.add(new LockDiffResult.Change(name, null, after.version(), null, after.source(), false));
        if (after.capabilities() != null) {
          addedCapabilities.put(name, after.capabilities());
        }
      } else if (after == null) {
        removed.add(new LockDiffResult.Change(name, before.version(), null, before.source(), null, false));
      } else {
        if (!before.version().equals(after.version())) {
          updated.add(new LockDiffResult.Change(name, before.version(), after.version(), null, null, false));
        } else if (!before.integrity().equals(after.integrity())) {
          updated.add(new LockDiffResult.Change(name, before.version(), after.version(), null, null, true));
        }
        if (!before.source().equals(after.source())) {
          moved.add(new LockDiffResult.Change(name, null, null, before.source(), after.source(), false));
        }
        if (!java.util.Objects.equals(before.marketplaceEntry(), after.marketplaceEntry())) {
          entries.add(new LockDiffResult.Change(name, before.version(), after.version(), null, null, false));
        }
        if (before.capabilities() != null && after.capabilities() != null) {
          var gained = LockDiffResult.difference(after.capabilities(), before.capabilities());
          var lost = LockDiffResult.difference(before.capabilities(), after.capabilities());
          if (!gained.isEmpty() || !lost.isEmpty()) {
            capabilities.add(new LockDiffResult.CapabilityChange(name, after.version(), gained, lost));
          }
        }
      }
    }
    return new LockDiffResult(label, note, added, removed, updated, moved, entries, capabilities, addedCapabilities);
  }
}
