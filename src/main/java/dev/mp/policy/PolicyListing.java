package dev.mp.policy;

import dev.mp.config.RegistrySpec;
import java.util.List;

/**
 * What {@code mp policy list} shows: the policy's rules in evaluation order and the modes of the
 * registries, which decide when no rule matches.
 *
 * @param policy the policy in force
 * @param registries every configured registry, in the order they are consulted
 */
public record PolicyListing(Policy policy, List<RegistrySpec> registries) {
  public PolicyListing {
    registries = List.copyOf(registries);
  }
}
