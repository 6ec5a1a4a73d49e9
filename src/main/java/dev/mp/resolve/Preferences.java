package dev.mp.resolve;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registries someone chose for plugins, strongest first: {@code --prefer}, the lockfile's
 * {@code source}, the answers given at the conflict prompt in this run. A choice applies only while
 * its registry offers a release satisfying the plugin's constraints; otherwise the priority order decides.
 */
final class Preferences {
  static final List<ChoiceReason> ORDER = List.of(ChoiceReason.PREFER, ChoiceReason.LOCKFILE, ChoiceReason.PROMPT);

  private final Map<String, String> explicit;
  private final Map<String, String> locked;
  private final Map<String, String> prompted = new HashMap<>();

  Preferences(Map<String, String> explicit, Map<String, String> locked) {
    this.explicit = explicit;
    this.locked = locked;
  }

  /** The registry chosen for {@code plugin} by {@code reason}, or null. */
  String registry(ChoiceReason reason, String plugin) {
    switch (reason) {
      case PREFER:
        return explicit.get(plugin);
      case LOCKFILE:
        return locked.get(plugin);
      case PROMPT:
        return prompted.get(plugin);
      default:
        return null;
    }
  }

  /** True when nobody chose anything: the priority order decides everything. */
  boolean isEmpty() {
    return explicit.isEmpty() && locked.isEmpty() && prompted.isEmpty();
  }

  void answer(String plugin, String registry) {
    prompted.put(plugin, registry);
  }

  boolean answered(String plugin) {
    return prompted.containsKey(plugin);
  }

  Map<String, String> explicit() {
    return explicit;
  }

  Map<String, String> locked() {
    return locked;
  }
}
