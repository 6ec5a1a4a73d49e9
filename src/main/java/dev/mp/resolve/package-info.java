/**
 * RegistryResolver: which registry and release each plugin comes from. {@link
 * dev.mp.resolve.RegistryResolver} takes a {@link dev.mp.resolve.ResolveRequest} (specs, preferences,
 * remembered lockfile sources, conflict strategy) and returns a {@link dev.mp.resolve.Resolution}
 * (resolved plugins, conflicts, warnings, the {@code --explain} {@link dev.mp.resolve.Trace}).
 * {@link dev.mp.resolve.Version} and {@link dev.mp.resolve.VersionRange} are npm-style versions and
 * ranges; {@link dev.mp.resolve.ResolutionJson} and {@link dev.mp.resolve.ExplainText} render results.
 * {@link dev.mp.resolve.SignatureVerification} turns the index's {@code signed} claims of a resolution
 * into verified facts against the registries' keys.
 *
 * <p>Depends on {@code dev.mp.registry} (the index model), {@code dev.mp.sign} (signature checks),
 * {@code dev.mp.config}, {@code dev.mp.audit} and {@code dev.mp.io}; semver4j is used only inside this package.
 */
package dev.mp.resolve;
