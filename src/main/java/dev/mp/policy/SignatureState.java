package dev.mp.policy;

/**
 * What is known about a plugin's signature (DESIGN.md §4 and §7).
 *
 * <p>{@code signed: true} in an {@code unless} holds for {@link #VERIFIED} and for {@link #CLAIMED}:
 * DESIGN.md says that when a registry has no keys "the index's claim is used and shown as claimed".
 * A registry with keys never yields {@code CLAIMED}: its entries verify or are unsigned (a signature
 * that fails is an error, never a silent "unsigned").
 */
public enum SignatureState {
  /** A signature verified under one of the registry's keys. */
  VERIFIED("verified"),
  /** The index says the plugin is signed, and the registry has no keys to check it with. */
  CLAIMED("claimed"),
  /** No signature, or nothing known about one. */
  UNSIGNED("unsigned");

  private final String wire;

  SignatureState(String wire) {
    this.wire = wire;
  }

  /** How the state is shown: {@code verified}, {@code claimed}, {@code unsigned}. */
  public String wire() {
    return wire;
  }

  /** True when {@code signed: true} holds for this state. */
  public boolean countsAsSigned() {
    return this != UNSIGNED;
  }
}
