package dev.mp.resolve;

import dev.mp.registry.DependencySpec;
import dev.mp.registry.PackageSource;
import dev.mp.registry.Release;
import java.util.List;
import java.util.Objects;

/**
 * A plugin as resolved: the registry that won, the release chosen there and why. Immutable; the
 * nullable components are {@code description} and {@code trustScore} (and the release's integrity).
 *
 * @param name the plugin name
 * @param registry the winning registry
 * @param release the chosen release (version, integrity, package source, dependencies, signature)
 * @param description the winning registry's description, or null
 * @param trustScore the winning registry's trust score (0-100), or null when it gives none
 * @param signature signed status (the index's claim until verification sets {@link SignatureStatus#VERIFIED})
 * @param reason why {@code registry} won
 * @param requested true when the user asked for it (not only a dependency)
 * @param requiredBy the resolved plugins that depend on it, sorted
 * @param constraints every constraint it satisfies: the request first, then dependents by name
 * @param alternatives every other registry offering it, in the order registries are consulted
 */
public record ResolvedPlugin(
    String name,
    String registry,
    Release release,
    String description,
    Integer trustScore,
    SignatureStatus signature,
    ChoiceReason reason,
    boolean requested,
    List<String> requiredBy,
    List<Constraint> constraints,
    List<Offer> alternatives) {
  public ResolvedPlugin {
    Objects.requireNonNull(name);
    Objects.requireNonNull(registry);
    Objects.requireNonNull(release);
    Objects.requireNonNull(signature);
    Objects.requireNonNull(reason);
    requiredBy = List.copyOf(requiredBy);
    constraints = List.copyOf(constraints);
    alternatives = List.copyOf(alternatives);
  }

  public String version() {
    return release.version();
  }

  /** {@code sha512-...}, or null when the registry gives none (known only after fetching). */
  public String integrity() {
    return release.integrity();
  }

  public PackageSource source() {
    return release.source();
  }

  public List<DependencySpec> dependencies() {
    return release.dependencies();
  }

  /** The names this plugin depends on, sorted (the lockfile's {@code dependencies}). */
  public List<String> dependencyNames() {
    return release.dependencies().stream().map(DependencySpec::name).distinct().sorted().toList();
  }

  /** This plugin with its signature status replaced (after verification). */
  public ResolvedPlugin withSignature(SignatureStatus status) {
    return new ResolvedPlugin(name, registry, release, description, trustScore, status, reason, requested, requiredBy,
        constraints, alternatives);
  }
}
