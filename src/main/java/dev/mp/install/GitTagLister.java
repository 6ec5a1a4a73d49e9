package dev.mp.install;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.SafeUrl;
import dev.mp.registry.PackageSource;
import dev.mp.registry.VersionTags;
import dev.mp.resolve.Version;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lists {@code <plugin>--v<version>} tags with {@code git ls-remote --tags}, as Claude Code does for
 * dependency ranges: tags whose version is not strict semver are ignored, an annotated tag counts by
 * the commit it points at ({@code ^{}}). Each repository is asked once per instance. Thread-safe.
 */
public final class GitTagLister implements VersionTags {
  /** What separates the plugin's name from its version in a tag ({@code claude plugin tag}). */
  public static final String SEPARATOR = "--v";

  private final Map<String, String> env;
  private final boolean offline;
  private final Map<String, String> listings = new ConcurrentHashMap<>();

  public GitTagLister(Map<String, String> env, boolean offline) {
    this.env = env;
    this.offline = offline;
  }

  @Override
  public List<Tag> list(String plugin, PackageSource.Git source) {
    if (offline) {
      throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE, "`--offline` forbids asking " + SafeUrl.redact(source.url()));
    }
    String output = listings.computeIfAbsent(source.url(), this::lsRemote);
    return parse(plugin, output);
  }

  private String lsRemote(String url) {
    GitRunner git = GitRunner.find(env).orElseThrow(() -> new MpException(ErrorCode.PACKAGE_UNAVAILABLE,
        "`git` is not installed", "install git and make sure it is on the `PATH`"));
    try {
      GitRunner.Result result = git.run(null, "ls-remote", "--tags", url);
      if (!result.ok()) {
        String detail = SafeUrl.redact(result.output().strip());
        throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE, "`git ls-remote` failed for " + SafeUrl.redact(url)
            + (detail.isEmpty() ? "" : ": " + detail.lines().findFirst().orElse("")));
      }
      return result.output();
    } catch (IOException e) {
      throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE, "`git ls-remote` failed for " + SafeUrl.redact(url) + ": "
          + MpException.describe(e), List.of(), e);
    }
  }

  /** The plugin's tags in {@code ls-remote} output, peeled tags winning over the tag objects. */
  static List<Tag> parse(String plugin, String output) {
    String prefix = "refs/tags/" + plugin + SEPARATOR;
    Map<String, Tag> tags = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      int tab = line.indexOf('\t');
      if (tab < 0) {
        continue;
      }
      String sha = line.substring(0, tab).trim();
      String ref = line.substring(tab + 1).trim();
      boolean peeled = ref.endsWith("^{}");
      if (peeled) {
        ref = ref.substring(0, ref.length() - 3);
      }
      if (!ref.startsWith(prefix) || !sha.matches("[0-9a-f]{40}([0-9a-f]{24})?")) {
        continue;
      }
      String text = ref.substring(prefix.length());
      Version version = Version.parse(text);
      if (text.isEmpty() || !Character.isDigit(text.charAt(0)) || !version.isSemver() || version.isCoerced()) {
        continue;
      }
      String name = ref.substring("refs/tags/".length());
      if (peeled || !tags.containsKey(name)) {
        tags.put(name, new Tag(text, name, sha));
      }
    }
    return new ArrayList<>(tags.values());
  }
}
