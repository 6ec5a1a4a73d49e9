package dev.mp.policy;

import java.util.Objects;

/**
 * What the policy is evaluated against: one plugin as it would be (or was) installed.
 *
 * @param name the plugin name; never null or blank
 * @param version its version, or null when unknown (then no {@code versions} filter matches)
 * @param source the registry it comes from, or null when unknown (a plugin folder no lockfile
 *     accounts for); then no {@code source} filter matches and no registry mode applies
 * @param trustScore the registry's trust score, or null when it gives none (then no {@code
 *     trust_score} condition holds)
 * @param signature what is known about its signature; never null
 */
public record PluginFacts(String name, String version, String source, Integer trustScore, SignatureState signature) {
  public PluginFacts {
    Objects.requireNonNull(name);
    if (name.isBlank()) {
      throw new IllegalArgumentException("a plugin name is required");
    }
    Objects.requireNonNull(signature);
  }

  /** An unsigned plugin without a trust score. */
  public static PluginFacts of(String name, String version, String source) {
    return new PluginFacts(name, version, source, null, SignatureState.UNSIGNED);
  }

  /** {@code `gamma` 1.2.0 from `public`} for messages. */
  public String describe() {
    StringBuilder out = new StringBuilder("`").append(name).append('`');
    if (version != null) {
      out.append(' ').append(version);
    }
    out.append(source == null ? " (source unknown)" : " from `" + source + "`");
    return out.toString();
  }
}
