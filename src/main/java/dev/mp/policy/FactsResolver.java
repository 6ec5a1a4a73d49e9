package dev.mp.policy;

import dev.mp.MpException;

/**
 * Where {@code mp policy check NAME} takes a plugin's facts from when {@code --source} is not given:
 * resolving the plugin across the registries, as {@code mp install} would. Implementations must report
 * the winning registry as the source, the release's version, its trust score, and its signature as
 * {@link SignatureState#VERIFIED} (verified under the registry's keys), {@link SignatureState#CLAIMED}
 * (the index says signed and the registry has no keys) or {@link SignatureState#UNSIGNED}.
 */
@FunctionalInterface
public interface FactsResolver {
  /**
   * The facts of {@code name} as resolution finds them.
   *
   * @param version the exact version wanted, or null for the one resolution picks
   * @throws MpException {@code PLUGIN_NOT_FOUND} when no registry offers it, or the resolver's other errors
   */
  PluginFacts resolve(String name, String version);
}
