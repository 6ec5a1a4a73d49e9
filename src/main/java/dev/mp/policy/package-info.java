/**
 * PolicyEngine: evaluates the allow / deny / require rules of {@code .claude/policies/plugins.yaml}
 * (DESIGN.md §4) and audits a project against them.
 *
 * <p>Main types: {@link dev.mp.policy.PolicyLoader} (reads and validates the file, or the built-in
 * default), {@link dev.mp.policy.Policy} and {@link dev.mp.policy.Rule} (what it says), {@link
 * dev.mp.policy.PolicyEngine} (first matching rule wins, else the registry's mode), {@link
 * dev.mp.policy.Decision} (allowed or denied, with the trace of every rule tried), {@link
 * dev.mp.policy.PolicyEnforcer} and {@link dev.mp.policy.EnforceReport} (the audit of the lockfile and
 * install folder), {@link dev.mp.policy.EnforceSarif} (SARIF 2.1.0 for code scanning), {@link
 * dev.mp.policy.OrganisationPolicies} (inherited policies, {@code extends}), {@link
 * dev.mp.policy.ClaudeManagedSettings} (the policy as Claude Code managed settings). Rules may look at
 * capabilities ({@code dev.mp.capability}) and hidden text ({@code dev.mp.content}). Depends on {@code
 * dev.mp.io}, {@code dev.mp.config}, {@code dev.mp.auth}, {@code dev.mp.registry}, {@code dev.mp.lock}
 * (read only) and {@code dev.mp.audit}.
 */
package dev.mp.policy;
