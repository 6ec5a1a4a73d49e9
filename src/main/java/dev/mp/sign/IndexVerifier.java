package dev.mp.sign;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.config.RegistrySpec;
import dev.mp.integrity.TreeHash;
import dev.mp.sign.IndexCheck.Accepted;
import dev.mp.sign.IndexCheck.Reason;
import dev.mp.sign.IndexCheck.Rejected;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * The checks a client makes on a fetched registry index before using it (DESIGN.md §7), in this order:
 *
 * <ol>
 *   <li><b>signature</b>: with keys, a {@code .sig} must verify over the exact index bytes; without
 *       one, the index is refused when {@code requireSignedIndex} is set, or when a signed index was
 *       accepted from this registry before (a downgrade: stripping the signature must not be a way
 *       around the other checks);
 *   <li><b>expiry</b> (freeze): {@code expires} at or before now is refused; applied to every index,
 *       signed or not, since it can only make mp stricter;
 *   <li><b>serial</b> (rollback), for verified indexes only: lower than the highest accepted before is
 *       refused; equal with different bytes is refused too (every publish must raise the serial, and
 *       {@code mp registry sign} does); missing after a serial was accepted is refused.
 * </ol>
 *
 * Serials of unverified indexes are neither checked nor remembered: anyone on the path could set them.
 * Stateless and thread-safe; the state lives in {@link SerialStore}.
 */
public final class IndexVerifier {
  /** A {@code .sig} longer than this is not a signature. */
  static final int MAX_SIGNATURE_TEXT = 1024;

  private IndexVerifier() {}

  /**
   * What to check.
   *
   * @param indexBytes the exact bytes of the index as fetched
   * @param signatureText the content of {@code <index>.sig}, or null when the registry serves none
   * @param keys the registry's keys
   * @param requireSignedIndex the registry's {@code requireSignedIndex}
   * @param previous the newest index accepted from this registry before ({@link SerialStore#find}), or null
   * @param now the current time, from the context's clock
   */
  public record Request(
      byte[] indexBytes,
      String signatureText,
      TrustedKeys keys,
      boolean requireSignedIndex,
      AcceptedIndex previous,
      Instant now) {
    public Request {
      Objects.requireNonNull(indexBytes);
      Objects.requireNonNull(keys);
      Objects.requireNonNull(now);
    }
  }

  /** Checks an index; never throws for a bad index, and never returns null. */
  public static IndexCheck verify(Request request) {
    return verify(request, IndexHeader.read(request.indexBytes()));
  }

  /** As {@link #verify(Request)}, with the header already read (by a loader that parses the index anyway). */
  public static IndexCheck verify(Request request, IndexHeader header) {
    String sha256 = TreeHash.sha256Hex(request.indexBytes());
    IndexCheck.Signature signature;
    int keyIndex = -1;
    if (request.keys().isEmpty()) {
      if (request.requireSignedIndex()) {
        return new Rejected(Reason.NO_KEYS, "`requireSignedIndex` is set but the registry lists no keys");
      }
      signature = IndexCheck.Signature.NO_KEYS;
    } else if (request.signatureText() == null) {
      if (request.requireSignedIndex()) {
        return new Rejected(Reason.UNSIGNED, "the registry serves no index signature (`.sig`) and `requireSignedIndex` is set");
      }
      if (request.previous() != null) {
        return new Rejected(Reason.DOWNGRADE, "the index is not signed, but a signed index (serial "
            + request.previous().serial() + ") was accepted from this registry before");
      }
      signature = IndexCheck.Signature.UNSIGNED;
    } else {
      String text = request.signatureText().length() > MAX_SIGNATURE_TEXT ? "" : request.signatureText();
      SignatureCheck check = request.keys().verify(request.indexBytes(), text);
      if (!(check instanceof SignatureCheck.Verified)) {
        return new Rejected(Reason.BAD_SIGNATURE, "index signature is invalid: " + ((SignatureCheck.Invalid) check).reason());
      }
      signature = IndexCheck.Signature.VERIFIED;
      keyIndex = ((SignatureCheck.Verified) check).keyIndex();
    }
    if (header.problem() != null) {
      return new Rejected(Reason.MALFORMED, header.problem());
    }
    if (header.expires() != null && !request.now().isBefore(header.expires())) {
      return new Rejected(Reason.EXPIRED, "the index expired at " + header.expires() + " (now " + request.now() + ")");
    }
    if (signature == IndexCheck.Signature.VERIFIED && request.previous() != null) {
      Rejected rollback = rollback(header.serial(), sha256, request.previous());
      if (rollback != null) {
        return rollback;
      }
    }
    return new Accepted(signature, keyIndex, header.serial(), header.expires(), sha256);
  }

  /**
   * Verifies an index for a configured registry against the highest serial remembered for it, and
   * remembers this one when it is newer: everything a registry loader needs in one call.
   *
   * @param signatureText the content of {@code <index>.sig}, or null when the registry serves none
   * @param reporter told when the serial cannot be recorded (a read-only state folder): the index is
   *     still used, but rollback protection cannot advance
   * @return the accepted index (how it stands, its serial and expiry)
   * @throws MpException {@code INDEX_REJECTED} (exit 1) naming the registry and the reason; {@code
   *     CONFIG_ERROR} for a malformed key or serials file
   */
  public static Accepted verifyAndRemember(RegistrySpec spec, Path projectDir, byte[] indexBytes,
      String signatureText, SerialStore store, Instant now, Reporter reporter) {
    String registryKey = SerialStore.registryKey(spec, projectDir);
    Request request = new Request(indexBytes, signatureText, TrustedKeys.parse(spec.keys()),
        spec.requireSignedIndex(), store.find(registryKey).orElse(null), now);
    IndexCheck check = verify(request);
    if (check instanceof Rejected) {
      throw ((Rejected) check).toException(spec.name());
    }
    Accepted accepted = (Accepted) check;
    accepted.toRemember().ifPresent(index -> {
      try {
        store.remember(registryKey, index, now);
      } catch (MpException e) {
        if (e.code() != ErrorCode.IO_ERROR) {
          throw e;
        }
        reporter.warn("cannot record serial " + index.serial() + " of registry `" + spec.name()
            + "`, so rollback protection cannot advance: " + e.getMessage());
      }
    });
    return accepted;
  }

  /**
   * Where the signature of an index URL is published: {@code .sig} appended to the path, before any
   * query or fragment.
   */
  public static String signatureUrl(String indexUrl) {
    int end = indexUrl.length();
    for (char stop : new char[] {'?', '#'}) {
      int at = indexUrl.indexOf(stop);
      if (at >= 0) {
        end = Math.min(end, at);
      }
    }
    return indexUrl.substring(0, end) + ".sig" + indexUrl.substring(end);
  }


  private static Rejected rollback(Long serial, String sha256, AcceptedIndex previous) {
    if (serial == null) {
      return new Rejected(Reason.ROLLBACK, "the index has no `serial`, but serial " + previous.serial()
          + " was accepted from this registry before");
    }
    if (serial < previous.serial()) {
      return new Rejected(Reason.ROLLBACK, "serial " + serial + " is older than serial " + previous.serial()
          + " accepted before");
    }
    if (serial == previous.serial() && !sha256.equals(previous.sha256())) {
      return new Rejected(Reason.SERIAL_REUSED, "serial " + serial
          + " was accepted before with different content; every publish must raise the serial");
    }
    return null;
  }
}
