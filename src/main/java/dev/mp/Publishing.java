package dev.mp;

import dev.mp.publish.BuildRequest;
import dev.mp.publish.BuildResult;
import dev.mp.publish.Pack;
import dev.mp.publish.RegistryBuilder;
import dev.mp.publish.Yank;
import dev.mp.sign.Ed25519PrivateKey;
import dev.mp.sign.KeyFiles;
import dev.mp.sign.Lifetimes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry author's side of the library API (DESIGN.md §10): pack a plugin, build a registry of
 * static files, yank a release. Relative paths are resolved against the project root, as {@code -C}
 * promises. Obtained from {@link Federation#publishing()}; not thread-safe.
 */
public final class Publishing {
  private final Federation federation;

  Publishing(Federation federation) {
    this.federation = federation;
  }

  /**
   * {@code mp pack}: a reproducible {@code <name>-<version>.tgz} of one plugin folder in {@code outDir}.
   *
   * @throws MpException {@code PLUGIN_INVALID} for a folder without a valid {@code plugin.json}, {@code
   *     UNSAFE_PACKAGE} for a link leaving the folder, {@code IO_ERROR}
   */
  public Pack.PackResult pack(Path folder, Path outDir) {
    Path source = resolve(folder);
    return Pack.pack(source, federation.display(source), resolve(outDir), context().reporter());
  }

  /**
   * {@code mp registry build}: publishes plugin folders and archives into the registry folder {@code out}.
   *
   * @param baseUrl where {@code out} is served, or null for relative {@code resolved} paths
   * @param keyFile the private key to sign with, or null
   * @param expires the signed index's lifetime ({@code 30d}), or null
   * @param marketplace the Claude Code marketplace name to write, or null
   * @throws MpException see {@link RegistryBuilder#build}; {@code USAGE_ERROR} for a bad lifetime
   */
  public BuildResult build(List<Path> sources, Path out, String baseUrl, Path keyFile, String expires, String marketplace) {
    Duration lifetime = lifetime(expires, keyFile);
    Ed25519PrivateKey key = key(keyFile);
    List<BuildRequest.Source> resolved = new ArrayList<>(sources.size());
    for (Path source : sources) {
      Path path = resolve(source);
      resolved.add(new BuildRequest.Source(path, federation.display(path)));
    }
    Path dir = resolve(out);
    return new RegistryBuilder(context().clock().instant())
        .build(new BuildRequest(resolved, dir, federation.display(dir), baseUrl, key, lifetime, marketplace));
  }

  /**
   * {@code mp registry yank NAME@VERSION}: marks the release yanked in the index file, or with {@code
   * undo} publishes it again; signs the index again with a key.
   *
   * @throws MpException see {@link Yank#yank}; {@code USAGE_ERROR} for a bad lifetime
   */
  public Yank.YankResult yank(String spec, Path index, String reason, boolean undo, Path keyFile, String expires) {
    Duration lifetime = lifetime(expires, keyFile);
    Ed25519PrivateKey key = key(keyFile);
    Path file = resolve(index);
    return Yank.yank(file, federation.display(file), spec, reason, undo, key, lifetime, context().clock().instant());
  }

  private Duration lifetime(String expires, Path keyFile) {
    if (expires == null) {
      return null;
    }
    if (keyFile == null) {
      throw MpException.usage("`--expires` applies to a signed index", "pass `--key FILE` as well");
    }
    return Lifetimes.parse(expires, "--expires");
  }

  private Ed25519PrivateKey key(Path keyFile) {
    if (keyFile == null) {
      return null;
    }
    Path path = resolve(keyFile);
    return KeyFiles.load(path, federation.display(path), context().reporter());
  }

  private Path resolve(Path path) {
    return context().projectDir().resolve(path).normalize();
  }

  private Context context() {
    return federation.context();
  }
}
