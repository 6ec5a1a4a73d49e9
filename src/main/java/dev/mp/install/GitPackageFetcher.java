package dev.mp.install;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.ProcessLock;
import dev.mp.io.SafeUrl;
import dev.mp.registry.PackageSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fetches git sources with the system {@code git}: each URL has a bare mirror in the store, fetched
 * into under a per-mirror lock; the pinned {@code sha} is checked out (fetched only when the mirror
 * lacks it), else the {@code ref} (else the remote's {@code HEAD}), and the commit it resolved to is
 * recorded. {@code subdir} is taken from inside the checkout. Without {@code git} on the {@code PATH}
 * the fetch fails with {@code PACKAGE_UNAVAILABLE}. Thread-safe.
 */
final class GitPackageFetcher implements PackageFetcher {
  private final PackageStore store;
  private final Map<String, String> env;
  private final boolean offline;

  GitPackageFetcher(PackageStore store, Map<String, String> env, boolean offline) {
    this.store = store;
    this.env = env;
    this.offline = offline;
  }

  @Override
  @SuppressWarnings("try") // the mirror lock is held for its scope, never referenced
  public Fetched fetch(PlannedPlugin plugin, Path target) {
    PackageSource.Git source = (PackageSource.Git) plugin.source();
    if (source.isLocal() && SafeUrl.isHttp(plugin.registryLocation())) {
      throw new MpException(ErrorCode.UNSAFE_PACKAGE,
          "refused git source of `" + plugin.name() + "`: registry `" + plugin.registry()
              + "` is fetched over HTTP but names a repository on this machine (`" + source.url() + "`)",
          "only a local registry (a folder or a marketplace on disk) may use `file://` URLs or local paths");
    }
    GitRunner git = GitRunner.find(env).orElseThrow(() -> new MpException(ErrorCode.PACKAGE_UNAVAILABLE,
        "`git` is not installed, and `" + plugin.name() + "` comes from a git repository ("
            + SafeUrl.redact(source.url()) + ")",
        "install git and make sure it is on the `PATH`"));
    String subdir = source.subdir() == null || source.subdir().isEmpty() ? null : ArchiveEntryPath.normalize(source.subdir());
    Path mirror = store.gitMirror(source.url());
    Path work = store.newWorkDir();
    try {
      String sha;
      try (ProcessLock lock = ProcessLock.acquire(mirror.resolveSibling(mirror.getFileName() + ".lock"), f -> {})) {
        if (!Files.isDirectory(mirror)) {
          run(git, null, plugin, "init", "--bare", "-q", mirror.toString());
        }
        sha = resolve(git, mirror, source, plugin);
      }
      Path checkout = work.resolve("checkout");
      run(git, null, plugin, "clone", "-q", "--no-checkout", "--shared", mirror.toString(), checkout.toString());
      run(git, checkout, plugin, "-c", "advice.detachedHead=false", "checkout", "-q", "--detach", sha);
      Trees.delete(checkout.resolve(".git"));
      Path tree = subdir == null ? checkout : checkout.resolve(subdir);
      if (!Files.isDirectory(tree) || Files.isSymbolicLink(tree)) {
        throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE,
            "no folder `" + subdir + "` in " + SafeUrl.redact(source.url()) + " at " + sha,
            "check the `path` of `" + plugin.name() + "` in registry `" + plugin.registry() + "`");
      }
      Files.move(tree, target);
      return new Fetched(source.at(sha), null);
    } catch (IllegalArgumentException e) {
      throw new MpException(ErrorCode.UNSAFE_PACKAGE,
          "refused git source of `" + plugin.name() + "`: its path `" + source.subdir() + "` " + e.getMessage());
    } catch (IOException e) {
      throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE,
          "failed to check out `" + plugin.name() + "`: " + MpException.describe(e), List.of(), e);
    } finally {
      Trees.deleteQuietly(work);
    }
  }

  /** The commit to check out, fetching into the mirror what it lacks. */
  private String resolve(GitRunner git, Path mirror, PackageSource.Git source, PlannedPlugin plugin) throws IOException {
    if (source.sha() != null) {
      if (hasCommit(git, mirror, source.sha())) {
        return source.sha();
      }
      refuseOffline(plugin, source);
      if (!tryRun(git, mirror, "fetch", "-q", source.url(), source.sha())) {
        run(git, mirror, plugin, "fetch", "-q", "--tags", source.url(), "+refs/heads/*:refs/heads/*");
      }
      if (!hasCommit(git, mirror, source.sha())) {
        throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE,
            "commit " + source.sha() + " of `" + plugin.name() + "` is not in " + SafeUrl.redact(source.url()),
            "the commit may have been removed from the repository; ask the registry `" + plugin.registry() + "` to publish it again");
      }
      return source.sha();
    }
    refuseOffline(plugin, source);
    String ref = source.ref() == null ? "HEAD" : source.ref();
    run(git, mirror, plugin, "fetch", "-q", source.url(), ref);
    return run(git, mirror, plugin, "rev-parse", "--verify", "FETCH_HEAD^{commit}").trim();
  }

  private void refuseOffline(PlannedPlugin plugin, PackageSource.Git source) {
    if (offline) {
      throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE,
          "`" + plugin.name() + "` is not in the package store and `--offline` forbids fetching "
              + SafeUrl.redact(source.url()),
          "run again without `--offline`");
    }
  }

  private boolean hasCommit(GitRunner git, Path mirror, String sha) throws IOException {
    return tryRun(git, mirror, "cat-file", "-e", sha + "^{commit}");
  }

  private boolean tryRun(GitRunner git, Path dir, String... args) throws IOException {
    return git.run(dir, args).ok();
  }

  private String run(GitRunner git, Path dir, PlannedPlugin plugin, String... args) throws IOException {
    GitRunner.Result result = git.run(dir, args);
    if (!result.ok()) {
      String detail = SafeUrl.redact(result.output().strip());
      throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE,
          "`git " + args[0] + "` failed for `" + plugin.name() + "`" + (detail.isEmpty() ? "" : ": " + firstLines(detail)),
          "check that the repository and the commit or ref exist and are readable");
    }
    return result.output();
  }

  private static String firstLines(String text) {
    String[] lines = text.split("\n");
    return lines.length <= 2 ? String.join(" ", lines) : lines[0] + " " + lines[1] + " ...";
  }
}
