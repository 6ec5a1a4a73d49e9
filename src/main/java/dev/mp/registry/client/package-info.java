/**
 * RegistryClient: loads every enabled registry in priority order, in parallel, through the cache
 * ({@link dev.mp.registry.client.RegistryClient#load}); syncs ({@code registry sync}), tests
 * ({@code registry test}) and searches them. One failing registry is a warning; the
 * {@link dev.mp.registry.RegistrySet} says what is available. Warnings are emitted in priority order
 * once every registry is done, so output never depends on which fetch finished first. Registries with
 * {@code keys} have their index checked when it is fetched or served again ({@code IndexTrust}:
 * {@code .sig}, serial, expiry); a refused index keeps the previous good copy in use.
 *
 * <p>Depends on {@code dev.mp.registry} and its {@code source}, {@code cache} and {@code http}
 * packages, {@code dev.mp.sign} (index checks), {@code dev.mp.auth} (OIDC tokens), {@code
 * dev.mp.config}, {@code dev.mp.io} and the root package.
 */
package dev.mp.registry.client;
