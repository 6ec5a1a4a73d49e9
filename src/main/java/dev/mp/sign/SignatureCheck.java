package dev.mp.sign;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import java.util.Objects;

/**
 * The outcome of checking one signature against a registry's keys. A bad signature is a value here,
 * not an exception: the caller decides, and DESIGN.md §7 says it must fail ({@link
 * Invalid#toException}) rather than be treated as unsigned. Immutable.
 */
public sealed interface SignatureCheck
    permits SignatureCheck.Verified, SignatureCheck.Invalid, SignatureCheck.Unsigned, SignatureCheck.NoKeys {

  /**
   * Whether the plugin counts as {@code signed} for resolution, policy and the lockfile: verified, or
   * — only when the registry lists no keys — the index's own claim.
   */
  boolean signed(boolean claim);

  /** One word for people: {@code verified}, {@code invalid}, {@code unsigned}, {@code claimed} or {@code unclaimed}. */
  String describe(boolean claim);

  /** The signature verified under {@code key}, the {@code keyIndex}-th (0-based) of the registry's keys. */
  record Verified(int keyIndex, Ed25519PublicKey key) implements SignatureCheck {
    public Verified {
      Objects.requireNonNull(key);
    }

    @Override
    public boolean signed(boolean claim) {
      return true;
    }

    @Override
    public String describe(boolean claim) {
      return "verified";
    }
  }

  /** A signature is present but malformed or does not verify under any key. */
  record Invalid(String reason) implements SignatureCheck {
    public Invalid {
      Objects.requireNonNull(reason);
    }

    @Override
    public boolean signed(boolean claim) {
      return false;
    }

    @Override
    public String describe(boolean claim) {
      return "invalid";
    }

    /**
     * The error for this outcome.
     *
     * @param subject what was signed, e.g. {@code `gamma@1.2.0` from registry `team`}
     * @return {@code SIGNATURE_INVALID} (exit 1)
     */
    public MpException toException(String subject) {
      return new MpException(ErrorCode.SIGNATURE_INVALID, "signature of " + subject + " is invalid: " + reason,
          "the registry's index may have been tampered with, or signed with a key this project does not trust",
          "check the registry's `keys` in `.claude/registries.json` against the publisher's public key");
    }
  }

  /** The registry lists keys but the entry carries no signature. */
  record Unsigned() implements SignatureCheck {
    @Override
    public boolean signed(boolean claim) {
      return false;
    }

    @Override
    public String describe(boolean claim) {
      return "unsigned";
    }
  }

  /** The registry lists no keys, so nothing can be verified; the index's claim is all there is. */
  record NoKeys() implements SignatureCheck {
    @Override
    public boolean signed(boolean claim) {
      return claim;
    }

    @Override
    public String describe(boolean claim) {
      return claim ? "claimed" : "unclaimed";
    }
  }

  SignatureCheck UNSIGNED = new Unsigned();
  SignatureCheck NO_KEYS = new NoKeys();
}
