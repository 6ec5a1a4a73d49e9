package dev.mp.resolve;

/**
 * Whether a resolved release is signed. The resolver reports the index's claim ({@link #CLAIMED} or
 * {@link #UNSIGNED}); signature verification against the registry's keys (DESIGN.md §7) replaces it
 * with {@link #VERIFIED} through {@link ResolvedPlugin#withSignature}.
 */
public enum SignatureStatus {
  /** The signature verified under one of the registry's keys. */
  VERIFIED("verified"),
  /** The index says {@code "signed": true}, not verified (the registry has no keys, or not checked yet). */
  CLAIMED("claimed"),
  /** Not signed. */
  UNSIGNED("unsigned");

  private final String wire;

  SignatureStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
