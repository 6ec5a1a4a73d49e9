package dev.mp.sign;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link IndexVerifier#verify}: the index may be used, or it is refused with a reason.
 * Immutable.
 */
public sealed interface IndexCheck permits IndexCheck.Accepted, IndexCheck.Rejected {

  /** How an accepted index stands with respect to its signature. */
  enum Signature {
    /** {@code <index>.sig} verified under one of the registry's keys. */
    VERIFIED,
    /** The registry lists keys, but serves no {@code .sig} (and does not require one). */
    UNSIGNED,
    /** The registry lists no keys; nothing could be verified. */
    NO_KEYS
  }

  /** Why an index was refused. */
  enum Reason {
    /** The {@code .sig} is malformed or does not verify. */
    BAD_SIGNATURE,
    /** {@code requireSignedIndex} is set and there is no {@code .sig}. */
    UNSIGNED,
    /** {@code requireSignedIndex} is set but the registry lists no keys to check with. */
    NO_KEYS,
    /** A signed index was accepted before, and this one comes without a signature. */
    DOWNGRADE,
    /** The serial is lower than one accepted before, or missing after one was. */
    ROLLBACK,
    /** The serial equals the one accepted before but the bytes differ. */
    SERIAL_REUSED,
    /** {@code expires} is past. */
    EXPIRED,
    /** {@code serial} or {@code expires} is present but unusable. */
    MALFORMED
  }

  /**
   * The index may be used.
   *
   * @param signature how it stands with respect to its signature
   * @param keyIndex the index of the key that verified it, or -1 when not {@link Signature#VERIFIED}
   * @param serial its serial, or null
   * @param expires its expiry, or null
   * @param sha256 hex SHA-256 of its bytes
   */
  record Accepted(Signature signature, int keyIndex, Long serial, Instant expires, String sha256) implements IndexCheck {
    public Accepted {
      Objects.requireNonNull(signature);
      Objects.requireNonNull(sha256);
    }

    /**
     * What to hand to {@link SerialStore#remember}: present only for a verified index with a serial,
     * because an unauthenticated serial could be set arbitrarily high to lock the registry out.
     */
    public Optional<AcceptedIndex> toRemember() {
      return signature == Signature.VERIFIED && serial != null
          ? Optional.of(new AcceptedIndex(serial, sha256))
          : Optional.empty();
    }
  }

  /**
   * The index must not be used; the previous good copy, if any, stays in use.
   *
   * @param reason the kind of refusal
   * @param message what is wrong, for people (no secrets, no URLs)
   */
  record Rejected(Reason reason, String message) implements IndexCheck {
    public Rejected {
      Objects.requireNonNull(reason);
      Objects.requireNonNull(message);
    }

    /**
     * The error for this refusal.
     *
     * @return {@code INDEX_REJECTED} (exit 1) naming the registry
     */
    public MpException toException(String registry) {
      return new MpException(ErrorCode.INDEX_REJECTED, "index of registry `" + registry + "` rejected: " + message,
          hint(registry));
    }

    private String hint(String registry) {
      switch (reason) {
        case EXPIRED:
          return "the publisher must sign a fresh index (`mp registry sign INDEX --key FILE --expires 30d`)";
        case ROLLBACK:
        case SERIAL_REUSED:
        case DOWNGRADE:
          return "an older or altered index is being served (a stale mirror, or an attack); ask the publisher."
              + "\nOnly if they confirm a reset, remove this registry's entry from `" + SerialStore.FILE_NAME
              + "` in mp's state folder (default `~/.local/state/mp/`)";
        case UNSIGNED:
          return "the publisher must publish `<index>.sig` beside the index (`mp registry sign INDEX --key FILE`),"
              + " or the registry must drop `requireSignedIndex`";
        case NO_KEYS:
          return "add the publisher's key: `mp registry add " + registry + " URL --key ed25519:...`";
        case MALFORMED:
          return "the registry's index is malformed; ask its publisher to sign it again with `mp registry sign`";
        default:
          return "check the registry's `keys` in `.claude/registries.json` against the publisher's public key";
      }
    }
  }
}
