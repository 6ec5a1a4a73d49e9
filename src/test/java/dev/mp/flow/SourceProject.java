package dev.mp.flow;

import dev.mp.lock.LockedPlugin;
import dev.mp.lock.Lockfile;
import dev.mp.lock.LockfileCodec;
import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A project whose only registry is one Claude Code marketplace, for the source-kind flows: the
 * marketplace on disk (a local registry) or at a URL, the project's lockfile and install folder.
 */
final class SourceProject {
  final Path temp;
  final Path project;
  final Path marketplace;
  final Cli cli;

  SourceProject(Path temp) {
    this.temp = temp;
    this.project = temp.resolve("project");
    this.marketplace = temp.resolve("marketplace");
    this.cli = new Cli(project, temp.resolve("cache"));
  }

  /** Writes the marketplace with these entries (JSON objects) and makes it the project's registry `market`. */
  SourceProject local(String... entries) {
    TestFiles.write(marketplace.resolve(".claude-plugin/marketplace.json"), marketplaceJson(entries));
    return registry(marketplace.toString(), null);
  }

  /** The marketplace document with these entries. */
  static String marketplaceJson(String... entries) {
    return "{\"name\": \"market\", \"owner\": {\"name\": \"test\"}, \"plugins\": [\n" + String.join(",\n", entries) + "\n]}\n";
  }

  /** Makes {@code url} the project's one registry `market`, with {@code auth} when not null. */
  SourceProject registry(String url, String auth) {
    TestFiles.write(project.resolve(".claude/registries.json"), "{\"registries\": [{\"name\": \"market\", \"url\": \"" + url
        + "\", \"priority\": 100, \"policy\": \"open\"" + (auth == null ? "" : ", \"auth\": \"" + auth + "\"") + "}]}\n");
    return this;
  }

  Lockfile lockfile() {
    return LockfileCodec.load(project.resolve("plugin-lock.json"), "plugin-lock.json").orElseThrow();
  }

  LockedPlugin locked(String name) {
    LockedPlugin plugin = lockfile().plugins().get(name);
    if (plugin == null) {
      throw new AssertionError("`" + name + "` is not in the lockfile: " + lockfile().plugins().keySet());
    }
    return plugin;
  }

  Path installed(String name) {
    return project.resolve(".claude/plugins").resolve(name);
  }

  /** Forgets everything but the lockfile and the configuration: installed plugins and the cache. */
  void forgetAllButTheLockfile() {
    TestFiles.deleteTree(project.resolve(".claude/plugins"));
    TestFiles.deleteTree(temp.resolve("cache"));
  }

  /** True when neither the lockfile nor the plugin's folder exists: a failed install left nothing. */
  boolean nothingInstalled(String name) {
    return !Files.exists(project.resolve("plugin-lock.json")) && !Files.exists(installed(name));
  }
}
