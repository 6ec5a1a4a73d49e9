/**
 * Credentials for registries (DESIGN.md §6): a {@link dev.mp.auth.TokenSource} per registry gives the
 * bearer {@link dev.mp.auth.AccessToken} to send, caches it until shortly before it expires, and
 * fetches a new one once after a 401 ({@link dev.mp.auth.TokenSource#send}). {@link
 * dev.mp.auth.TokenSources} builds them from a registry's {@code auth}: {@code token:VAR}, and OIDC —
 * {@code oidc:github-actions}, {@code oidc:env:VAR}, or an issuer URL with the client-credentials grant.
 *
 * <p>Tokens are secrets: they never reach output, logs, exception messages or files. Depends only on
 * {@code dev.mp}, {@code dev.mp.io}, {@code dev.mp.config} and the JDK {@code HttpClient}.
 */
package dev.mp.auth;
