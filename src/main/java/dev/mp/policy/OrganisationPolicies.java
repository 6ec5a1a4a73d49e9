package dev.mp.policy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.config.RegistriesConfig;
import dev.mp.config.RegistrySpec;
import dev.mp.io.EditDistance;
import dev.mp.io.JsonDocument;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Fetches the organisation policies a project's policy {@code extends}, and theirs in turn, into one
 * list in evaluation order: ancestors before the policies that extend them, each policy once. A cycle
 * or a chain deeper than {@value #MAX_DEPTH} is a {@code POLICY_CONFIG_ERROR}. {@code registry:NAME/path}
 * resolves against the project's registries: the path is read beside the registry's location (its URL's
 * folder), with its credentials and — when it lists {@code keys} — a required signature. Stateless.
 */
public final class OrganisationPolicies {
  /** How deep {@code extends} may nest: organisation, department, team. */
  static final int MAX_DEPTH = 8;

  /** Where the bytes come from: the registry client's policy cache. */
  @FunctionalInterface
  public interface Fetcher {
    /**
     * @param registry the registry a {@code registry:} reference names, or null for a URL
     * @return the policy's bytes and whether its signature verified
     */
    Fetched fetch(URI uri, RegistrySpec registry, String label);
  }

  /** A fetched policy document. */
  public record Fetched(byte[] bytes, boolean signed) {}

  private OrganisationPolicies() {}

  /**
   * {@code policy} with every policy it extends fetched, or {@code policy} itself when it extends none.
   *
   * @throws MpException {@code POLICY_CONFIG_ERROR} for a bad reference, a malformed inherited policy, a
   *     cycle; {@code REGISTRY_NOT_FOUND} for an unknown registry; the fetcher's errors
   */
  public static Policy resolve(Policy policy, RegistriesConfig registries, Fetcher fetcher) {
    if (policy.references().isEmpty()) {
      return policy;
    }
    List<InheritedPolicy> inherited = new ArrayList<>();
    Set<String> done = new HashSet<>();
    for (PolicyReference reference : policy.references()) {
      visit(reference, reference.line(), registries, fetcher, inherited, done, new LinkedHashSet<>());
    }
    return policy.withInherited(inherited);
  }

  private static void visit(PolicyReference reference, int projectLine, RegistriesConfig registries, Fetcher fetcher,
      List<InheritedPolicy> inherited, Set<String> done, LinkedHashSet<String> chain) {
    String location = reference.location();
    if (chain.contains(location)) {
      throw new MpException(ErrorCode.POLICY_CONFIG_ERROR, "organisation policies extend each other in a cycle: "
          + String.join(" → ", chain) + " → " + location, "remove one of the `extends` entries");
    }
    if (done.contains(location)) {
      return;
    }
    if (chain.size() >= MAX_DEPTH) {
      throw new MpException(ErrorCode.POLICY_CONFIG_ERROR, "organisation policies nest deeper than " + MAX_DEPTH
          + " levels: " + String.join(" → ", chain), "flatten the `extends` chain");
    }
    RegistrySpec registry = null;
    URI uri;
    if (reference.registry() != null) {
      registry = registries.find(reference.registry()).orElseThrow(() -> unknownRegistry(reference, registries));
      uri = besideRegistry(registry, reference);
    } else {
      uri = URI.create(location);
    }
    if ("http".equalsIgnoreCase(uri.getScheme()) && !dev.mp.auth.Transport.isLoopback(uri.getHost())) {
      throw new MpException(ErrorCode.POLICY_CONFIG_ERROR, "`extends: " + location + "` is fetched over plain http:"
          + " anyone on the network could remove the rules it inherits", "serve the policy over https (plain http"
          + " only reaches loopback addresses)");
    }
    Fetched fetched = fetcher.fetch(uri, registry, "`" + location + "`");
    JsonDocument doc = JsonDocument.parseYaml(location, fetched.bytes(), ErrorCode.POLICY_CONFIG_ERROR);
    Policy parsed = PolicyLoader.parse(doc, null);
    chain.add(location);
    for (PolicyReference parent : parsed.references()) {
      visit(parent, projectLine, registries, fetcher, inherited, done, chain);
    }
    chain.remove(location);
    RuleOrigin origin = new RuleOrigin(inherited.size() + 1, location, projectLine);
    inherited.add(new InheritedPolicy(origin, parsed.rules().stream().map(r -> r.withOrigin(origin)).toList(),
        parsed.references(), fetched.signed()));
    done.add(location);
  }

  /** {@code registry:team/policy.yaml} for a registry at {@code https://h/r/index.json}: {@code https://h/r/policy.yaml}. */
  static URI besideRegistry(RegistrySpec registry, PolicyReference reference) {
    if (!registry.isRemote()) {
      throw new MpException(ErrorCode.POLICY_CONFIG_ERROR, "`extends: " + reference.location() + "`: registry `"
          + registry.name() + "` is a local folder or file, and organisation policies are fetched over HTTP(S)",
          "point `extends` at the policy's URL, or keep the policy in the project");
    }
    URI base = URI.create(registry.url().trim());
    String path = base.getPath() == null ? "/" : base.getPath();
    boolean isFile = path.endsWith(".json") || path.endsWith(".yaml") || path.endsWith(".yml");
    URI folder = isFile ? base.resolve(".") : URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    return folder.resolve(reference.path());
  }

  private static MpException unknownRegistry(PolicyReference reference, RegistriesConfig registries) {
    List<String> names = registries.byPriority().stream().map(RegistrySpec::name).toList();
    String close = EditDistance.closest(reference.registry(), names);
    return new MpException(ErrorCode.REGISTRY_NOT_FOUND, "`extends: " + reference.location() + "` names registry `"
        + reference.registry() + "`, which is not configured",
        close != null ? "did you mean `registry:" + close + "/" + reference.path() + "`?"
            : "add it with `mp registry add " + reference.registry() + " URL`");
  }
}
