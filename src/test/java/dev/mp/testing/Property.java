package dev.mp.testing;

import java.security.SecureRandom;

/**
 * Runs a property: one body, a fixed number of tries, each with its own {@link Gen}.
 *
 * <p>Every run draws a fresh seed, so successive runs explore different values; the seed is printed
 * when a try fails, and {@code -Dmp.seed=<seed>} replays exactly that run (the same values for the
 * same tries). Try {@code i} uses a generator seeded from the run's seed and {@code i}, so the
 * failing try is reproduced without depending on what earlier tries consumed.
 */
public final class Property {
  /** The system property that fixes the seed of every property in the run. */
  public static final String SEED_PROPERTY = "mp.seed";

  private Property() {}

  /** The body of a property: assertions over values drawn from {@code gen}. */
  @FunctionalInterface
  public interface Body {
    void check(Gen gen) throws Exception;
  }

  /** Runs {@code body} {@code tries} times; a failure names the seed and the try. */
  public static void forAll(int tries, Body body) {
    forAll(seed(System.getProperty(SEED_PROPERTY)), tries, body);
  }

  static void forAll(long seed, int tries, Body body) {
    for (int i = 0; i < tries; i++) {
      Gen gen = Gen.seeded(trySeed(seed, i));
      try {
        body.check(gen);
      } catch (Throwable failure) {
        String message = "property failed on try " + (i + 1) + " of " + tries + " with seed " + seed
            + " (replay: -D" + SEED_PROPERTY + "=" + seed + ")";
        System.err.println(message);
        AssertionError error = new AssertionError(message + ": " + failure, failure);
        throw error;
      }
    }
  }

  /** The run's seed: the system property when set, otherwise a fresh one. */
  static long seed(String property) {
    if (property == null || property.isBlank()) {
      return new SecureRandom().nextLong();
    }
    return Long.parseLong(property.strip());
  }

  /** A seed per try, well spread even for neighbouring {@code i} (SplitMix64's finaliser). */
  static long trySeed(long seed, int i) {
    long z = seed + (i + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
