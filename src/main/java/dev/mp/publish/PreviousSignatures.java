package dev.mp.publish;

import dev.mp.io.AtomicFiles;
import dev.mp.sign.Ed25519PrivateKey;
import dev.mp.sign.IndexSigner;
import dev.mp.sign.SignatureCheck;
import dev.mp.sign.TrustedKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Which release signatures of an index can be kept when it is signed again: when the index as it was
 * verifies under the signing key, every signature in it was made by that key over its statement (mp
 * signs every entry and release whenever it signs an index), so only the releases added now need a
 * signature. One verification instead of thousands of signatures. Otherwise nothing is kept.
 */
final class PreviousSignatures {
  private PreviousSignatures() {}

  /**
   * @param before the index bytes before this change, or null
   * @param index the index file (its {@code .sig} is read)
   * @param added {@code name@version} of the releases added now
   */
  static IndexSigner.KeepSignature of(byte[] before, Path index, Ed25519PrivateKey key, Set<String> added) {
    byte[] signature = before == null ? null : AtomicFiles.readIfExists(IndexSigner.signatureFile(index));
    if (signature == null) {
      return (name, version, integrity) -> false;
    }
    SignatureCheck check = TrustedKeys.parse(List.of(key.publicKey().text()))
        .verify(before, new String(signature, StandardCharsets.UTF_8).trim());
    if (!(check instanceof SignatureCheck.Verified)) {
      return (name, version, integrity) -> false;
    }
    return (name, version, integrity) -> !added.contains(name + "@" + version);
  }
}
