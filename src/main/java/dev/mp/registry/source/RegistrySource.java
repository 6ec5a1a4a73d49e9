package dev.mp.registry.source;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.config.RegistrySpec;
import dev.mp.io.SafeUrl;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a registry's {@code url} points, decided from the location itself (not from its content):
 * an {@code http(s)} URL, a folder holding {@code .claude-plugin/marketplace.json}, any other folder
 * (a folder of plugins), a file named {@code marketplace.json}, or another {@code .json} file (an
 * index or a marketplace, told apart by its content).
 */
public sealed interface RegistrySource
    permits RegistrySource.Folder, RegistrySource.Marketplace, RegistrySource.IndexFile, RegistrySource.Http {

  /** The location the cache entry is keyed by (absolute path or URL). */
  String location();

  /** A folder whose subfolders with {@code .claude-plugin/plugin.json} are plugins. */
  record Folder(Path folder) implements RegistrySource {
    @Override
    public String location() {
      return folder.toString();
    }
  }

  /**
   * A local Claude Code marketplace.
   *
   * @param root the marketplace root (the folder holding {@code .claude-plugin/}); relative sources resolve here
   * @param file its {@code marketplace.json}
   */
  record Marketplace(Path root, Path file) implements RegistrySource {
    @Override
    public String location() {
      return file.toString();
    }
  }

  /** A local JSON file: a registry index, or a marketplace under another name. */
  record IndexFile(Path file) implements RegistrySource {
    @Override
    public String location() {
      return file.toString();
    }
  }

  /** A registry index or {@code marketplace.json} served over HTTP(S). */
  record Http(URI uri) implements RegistrySource {
    @Override
    public String location() {
      return uri.toString();
    }
  }

  /**
   * Where {@code spec}'s URL points.
   *
   * @param projectDir relative paths resolve from here
   * @throws MpException {@code REGISTRY_UNAVAILABLE} when a local path does not exist, {@code
   *     CONFIG_ERROR} when the URL is not a valid URI
   */
  static RegistrySource of(RegistrySpec spec, Path projectDir) {
    String url = spec.url();
    if (SafeUrl.isHttp(url)) {
      try {
        URI uri = URI.create(url.trim());
        if (uri.getHost() == null) {
          throw new IllegalArgumentException("no host");
        }
        return new Http(uri);
      } catch (IllegalArgumentException e) {
        throw MpException.config("registry `" + spec.name() + "`: invalid URL `" + SafeUrl.redact(url) + "`",
            "fix it with `mp registry add " + spec.name() + " URL`");
      }
    }
    Path path = projectDir.resolve(url).toAbsolutePath().normalize();
    if (Files.isDirectory(path)) {
      Path marketplace = path.resolve(".claude-plugin").resolve("marketplace.json");
      return Files.isRegularFile(marketplace) ? new Marketplace(path, marketplace) : new Folder(path);
    }
    if (Files.isRegularFile(path)) {
      if (path.getFileName().toString().equals("marketplace.json")) {
        return new Marketplace(marketplaceRoot(path), path);
      }
      return new IndexFile(path);
    }
    throw new MpException(ErrorCode.REGISTRY_UNAVAILABLE, "`" + url + "` does not exist",
        "create it, or point the registry elsewhere with `mp registry add " + spec.name() + " URL`");
  }

  /** The folder holding {@code .claude-plugin/} when the file sits in one, else the file's folder. */
  static Path marketplaceRoot(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent.getFileName() != null && parent.getFileName().toString().equals(".claude-plugin")
        ? parent.getParent()
        : parent;
  }
}
