package dev.mp.policy;

import dev.mp.capability.Capability;
import java.util.List;
import java.util.Objects;

/**
 * What {@code mp policy check} asks.
 *
 * @param name the plugin
 * @param source the registry it comes from, or null to take the facts from resolution
 * @param version its version, or null
 * @param trustScore its trust score, or null
 * @param signed treat it as signed (verified)
 * @param capabilities what it can do, or null to leave that to resolution (unknown with a source)
 */
public record PolicyCheckRequest(String name, String source, String version, Integer trustScore, boolean signed,
    List<Capability> capabilities) {
  public PolicyCheckRequest {
    Objects.requireNonNull(name);
    capabilities = capabilities == null ? null : List.copyOf(capabilities);
  }

  /** A request that says nothing about capabilities. */
  public PolicyCheckRequest(String name, String source, String version, Integer trustScore, boolean signed) {
    this(name, source, version, trustScore, signed, null);
  }
}
