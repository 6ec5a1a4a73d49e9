package dev.mp.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One registry in {@code registries.json}.
 *
 * @param name unique, {@code [a-z0-9][a-z0-9._-]*}
 * @param url a folder or {@code .json} path (relative to the project root) or an {@code http(s)} URL,
 *     never with credentials
 * @param priority higher is consulted first; ties are broken by name
 * @param auth where credentials come from (never the credentials themselves)
 * @param policy what the registry's plugins need when no rule decides
 * @param enabled disabled registries are skipped everywhere
 * @param keys trusted Ed25519 public keys, {@code ed25519:BASE64}
 * @param requireSignedIndex refuse the index unless {@code <index>.sig} verifies under {@code keys}
 * @param extra fields mp does not know, kept in file order and written back on save
 */
public record RegistrySpec(
    String name,
    String url,
    int priority,
    AuthSpec auth,
    PolicyMode policy,
    boolean enabled,
    List<String> keys,
    boolean requireSignedIndex,
    Map<String, JsonNode> extra) {

  /**
   * True for a valid registry name, {@code [a-z0-9][a-z0-9._-]*}. Checked by hand: a regular
   * expression here was the first use of the lambda machinery in every run reading the registries.
   */
  public static boolean isValidName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean allowed = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || i > 0 && (c == '.' || c == '_' || c == '-');
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  /** Highest priority first, then by name: the order registries are consulted in. */
  public static final Comparator<RegistrySpec> BY_PRIORITY_THEN_NAME = new Comparator<>() {
    // A plain class rather than composed lambdas: every run sorts registries, and linking a chain of
    // lambdas costs milliseconds of start-up.
    @Override
    public int compare(RegistrySpec a, RegistrySpec b) {
      int byPriority = Integer.compare(b.priority, a.priority);
      return byPriority != 0 ? byPriority : a.name.compareTo(b.name);
    }
  };

  public RegistrySpec {
    Objects.requireNonNull(name);
    Objects.requireNonNull(url);
    Objects.requireNonNull(auth);
    Objects.requireNonNull(policy);
    keys = List.copyOf(keys);
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** A registry with the defaults of {@code mp registry add}: open policy, no auth, enabled. */
  public static RegistrySpec of(String name, String url, int priority) {
    return new RegistrySpec(name, url, priority, AuthSpec.NONE, PolicyMode.OPEN, true, List.of(), false, Map.of());
  }

  /** True when the URL is an {@code http(s)} URL rather than a local path. */
  public boolean isRemote() {
    return dev.mp.io.SafeUrl.isHttp(url);
  }
}
