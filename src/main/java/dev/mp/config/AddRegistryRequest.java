package dev.mp.config;

import java.util.List;

/**
 * What {@code mp registry add} asks for, as typed by the user (validated by {@link RegistryEditor}).
 *
 * @param priority null for the default priority ({@value RegistryEditor#DEFAULT_PRIORITY})
 * @param auth null for {@code none}
 * @param policy null for {@code open}
 */
public record AddRegistryRequest(
    String name, String url, Integer priority, String auth, String policy, List<String> keys, boolean disabled) {
  public AddRegistryRequest {
    keys = List.copyOf(keys);
  }
}
