package dev.mp.testing;

import dev.mp.ErrorCode;
import dev.mp.MpException;

/**
 * The rule every fuzz target checks: the code under test returns, or throws an {@link MpException}
 * with a code other than {@code INTERNAL_ERROR} and a message. Anything else escapes to Jazzer,
 * which reports it as a finding.
 */
public final class FuzzRules {
  private FuzzRules() {}

  /** Code under test. */
  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }

  /** Runs {@code body}; a coded {@link MpException} is an accepted outcome, returned (null when none). */
  public static MpException codedOnly(Body body) throws Exception {
    try {
      body.run();
      return null;
    } catch (MpException e) {
      if (e.code() == ErrorCode.INTERNAL_ERROR) {
        throw new AssertionError("internal error instead of a coded one: " + e.getMessage(), e);
      }
      if (e.getMessage().isBlank()) {
        throw new AssertionError(e.code() + " without a message", e);
      }
      return e;
    }
  }
}
