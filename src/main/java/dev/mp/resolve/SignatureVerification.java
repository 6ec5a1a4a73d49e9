package dev.mp.resolve;

import dev.mp.MpException;
import dev.mp.config.RegistrySpec;
import dev.mp.registry.LoadedRegistry;
import dev.mp.registry.Release;
import dev.mp.registry.RegistrySet;
import dev.mp.sign.SignatureCheck;
import dev.mp.sign.TrustedKeys;
import dev.mp.sign.VerifiedSignatures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the index's {@code signed} claims of a resolution into facts (DESIGN.md §7): each resolved
 * release of a registry that lists {@code keys} is checked against them, and becomes {@link
 * SignatureStatus#VERIFIED} or {@link SignatureStatus#UNSIGNED}; a signature that does not verify is an
 * error, never a silent "unsigned". For a registry without keys the claim stays, as {@link
 * SignatureStatus#CLAIMED} or {@link SignatureStatus#UNSIGNED}.
 *
 * <p>Only the plugins a run resolved are verified, after resolution, never a whole index: Ed25519 on
 * JDK 17 costs about a millisecond a signature, and the {@link VerifiedSignatures} memo makes each one
 * cost that once per machine. Not thread-safe; meant for one run.
 */
public final class SignatureVerification {
  private final Map<String, RegistrySpec> specs = new HashMap<>();
  private final Map<String, TrustedKeys> keys = new HashMap<>();
  private final VerifiedSignatures memo;

  /**
   * @param registries the registries the resolution was made from (their {@code keys})
   * @param memo where verified signatures are remembered, e.g. {@link VerifiedSignatures#inCache}
   */
  public SignatureVerification(List<RegistrySpec> registries, VerifiedSignatures memo) {
    for (RegistrySpec spec : registries) {
      specs.put(spec.name(), spec);
    }
    this.memo = memo;
  }

  /** Verification against the specs of {@code registries}. */
  public static SignatureVerification of(RegistrySet registries, VerifiedSignatures memo) {
    List<RegistrySpec> specs = new ArrayList<>(registries.registries().size());
    for (LoadedRegistry registry : registries.registries()) {
      specs.add(registry.spec());
    }
    return new SignatureVerification(specs, memo);
  }

  /**
   * {@code resolution} with every plugin's signature status verified.
   *
   * @throws MpException {@code SIGNATURE_INVALID} (exit 1) for the first plugin (by name) whose
   *     signature does not verify under its registry's keys; {@code CONFIG_ERROR} for a malformed key
   */
  public Resolution verify(Resolution resolution) {
    List<ResolvedPlugin> verified = new ArrayList<>(resolution.plugins().size());
    boolean changed = false;
    for (ResolvedPlugin plugin : resolution.plugins()) {
      SignatureStatus status = status(plugin);
      changed |= status != plugin.signature();
      verified.add(status == plugin.signature() ? plugin : plugin.withSignature(status));
    }
    // One new resolution, not one per plugin: Resolution.with copies the whole list each time.
    return changed
        ? new Resolution(verified, resolution.conflicts(), resolution.warnings(), resolution.trace())
        : resolution;
  }

  /**
   * The verified status of one resolved plugin.
   *
   * @throws MpException {@code SIGNATURE_INVALID} when its signature does not verify
   */
  public SignatureStatus status(ResolvedPlugin plugin) {
    TrustedKeys trusted = keys(plugin.registry());
    Release release = plugin.release();
    if (trusted.isEmpty()) {
      return release.signedClaim() ? SignatureStatus.CLAIMED : SignatureStatus.UNSIGNED;
    }
    SignatureCheck check = trusted.verifyRelease(plugin.name(), release.version(), release.integrity(),
        release.signature());
    if (check instanceof SignatureCheck.Invalid invalid) {
      throw invalid.toException("`" + plugin.name() + "@" + release.version() + "` from registry `"
          + plugin.registry() + "`");
    }
    return check instanceof SignatureCheck.Verified ? SignatureStatus.VERIFIED : SignatureStatus.UNSIGNED;
  }

  private TrustedKeys keys(String registry) {
    TrustedKeys found = keys.get(registry);
    if (found == null) {
      RegistrySpec spec = specs.get(registry);
      found = spec == null || spec.keys().isEmpty() ? TrustedKeys.NONE : TrustedKeys.parse(spec.keys()).withMemo(memo);
      keys.put(registry, found);
    }
    return found;
  }
}
