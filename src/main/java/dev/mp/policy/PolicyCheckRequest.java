package dev.mp.policy;

import java.util.Objects;

/**
 * What {@code mp policy check} asks.
 *
 * @param name the plugin
 * @param source the registry it comes from, or null to take the facts from resolution
 * @param version its version, or null
 * @param trustScore its trust score, or null
 * @param signed treat it as signed (verified)
 */
public record PolicyCheckRequest(String name, String source, String version, Integer trustScore, boolean signed) {
  public PolicyCheckRequest {
    Objects.requireNonNull(name);
  }
}
