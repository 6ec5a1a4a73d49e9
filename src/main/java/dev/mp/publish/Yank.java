package dev.mp.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.AtomicFiles;
import dev.mp.registry.DependencySpec;
import dev.mp.sign.Ed25519PrivateKey;
import dev.mp.sign.IndexSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code mp registry yank NAME@VERSION} (cargo's semantics): marks a release {@code "yanked": true}
 * (with {@code "yankedReason"}), or with {@code --undo} publishes it again. Nothing is deleted: new
 * resolutions skip a yanked release, a lockfile that pins it still installs it. The entry's top-level
 * fields move to the highest release that is not yanked. Signed again in the same step with a key.
 * Stateless.
 */
public final class Yank {
  private Yank() {}

  /**
   * What the yank did.
   *
   * @param index the index file
   * @param name the plugin
   * @param version the release
   * @param yanked whether the release is yanked now
   * @param reason why, or null
   * @param changed false when the release already was in that state (nothing written)
   * @param latest the version the entry's top-level fields now give
   * @param signed the new signature, or null when not signed in this step
   */
  public record YankResult(Path index, String name, String version, boolean yanked, String reason, boolean changed,
      String latest, IndexSigner.SignedIndex signed) {}

  /**
   * Yanks (or, with {@code undo}, restores) {@code spec} ({@code NAME@VERSION}) in the index file.
   *
   * @throws MpException {@code USAGE_ERROR} for a spec without an exact version or a signed index
   *     without a key; {@code PLUGIN_NOT_FOUND} when the index has no such plugin or release; {@code
   *     INDEX_INVALID} for a file that is not a registry index; {@code IO_ERROR}
   */
  public static YankResult yank(Path index, String label, String spec, String reason, boolean undo,
      Ed25519PrivateKey key, Duration expires, Instant now) {
    DependencySpec parsed = DependencySpec.parse(spec);
    String name = parsed.name();
    String version = parsed.range();
    if (version.equals("*") || !spec.contains("@")) {
      throw MpException.usage("`" + spec + "`: name the release as `NAME@VERSION`", "for example `mp registry yank alpha@1.2.0`");
    }
    if (undo && reason != null) {
      throw MpException.usage("`--reason` goes with a yank, not with `--undo`");
    }
    byte[] bytes = AtomicFiles.readIfExists(index);
    if (bytes == null) {
      throw MpException.io("failed to read registry index `" + label + "`", new java.nio.file.NoSuchFileException(label));
    }
    if (Files.exists(IndexSigner.signatureFile(index)) && key == null) {
      throw MpException.usage("`" + label + "` is signed (`" + index.getFileName() + ".sig`), and a change without"
          + " `--key` would leave clients an index whose signature no longer matches",
          "pass `--key FILE` with the registry's private key");
    }
    IndexDocument document = IndexDocument.parse(label, bytes);
    if (!document.names().contains(name)) {
      throw new MpException(ErrorCode.PLUGIN_NOT_FOUND, "`" + label + "` has no plugin `" + name + "`",
          closest(name, document.names()));
    }
    ObjectNode release = document.release(name, version);
    if (release == null) {
      throw new MpException(ErrorCode.PLUGIN_NOT_FOUND, "`" + label + "` has no release " + version + " of `" + name + "`",
          "its releases: " + String.join(", ", document.releases(name).keySet()));
    }
    String text = reason == null || reason.isBlank() ? null : reason.strip();
    boolean changed = document.setYanked(name, version, !undo, text);
    if (changed) {
      document.touch(now);
    }
    IndexSigner.SignedIndex signed = null;
    if (changed || (key != null && expires != null)) {
      byte[] out = document.bytes();
      if (key != null) {
        signed = IndexSigner.sign(label, out, key, expires, now, PreviousSignatures.of(bytes, index, key, Set.of()));
        out = signed.bytes();
      }
      AtomicFiles.write(index, out);
      if (signed != null) {
        AtomicFiles.write(IndexSigner.signatureFile(index), (signed.signature() + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return new YankResult(index, name, version, !undo, undo ? null : document.release(name, version)
        .path("yankedReason").asText(null), changed, document.topVersion(name), signed);
  }

  private static String closest(String name, List<String> names) {
    String close = dev.mp.io.EditDistance.closest(name, names);
    return close == null ? "its plugins are listed under `plugins`" : "did you mean `" + close + "`?";
  }
}
