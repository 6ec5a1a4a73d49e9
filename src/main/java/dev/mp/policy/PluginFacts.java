package dev.mp.policy;

import dev.mp.capability.Capabilities;
import dev.mp.content.HiddenTextFinding;
import java.util.List;
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
 * @param capabilities what it can do, or null when unknown (a package not fetched yet that its
 *     registry says nothing about); then no {@code capabilities} condition holds
 * @param hiddenText the hidden text found in its files, or null when they were not scanned; then no
 *     {@code content} condition holds
 */
public record PluginFacts(String name, String version, String source, Integer trustScore, SignatureState signature,
    Capabilities capabilities, List<HiddenTextFinding> hiddenText) {
  public PluginFacts {
    Objects.requireNonNull(name);
    if (name.isBlank()) {
      throw new IllegalArgumentException("a plugin name is required");
    }
    Objects.requireNonNull(signature);
    hiddenText = hiddenText == null ? null : List.copyOf(hiddenText);
  }

  /** Facts without capabilities or content (not known). */
  public PluginFacts(String name, String version, String source, Integer trustScore, SignatureState signature) {
    this(name, version, source, trustScore, signature, null, null);
  }

  public PluginFacts withCapabilities(Capabilities value) {
    return new PluginFacts(name, version, source, trustScore, signature, value, hiddenText);
  }

  public PluginFacts withHiddenText(List<HiddenTextFinding> value) {
    return new PluginFacts(name, version, source, trustScore, signature, capabilities, value);
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
