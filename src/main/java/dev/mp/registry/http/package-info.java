/**
 * HTTP for registries: {@link dev.mp.registry.http.HttpFetcher} (the JDK {@code HttpClient}, built once
 * per run) downloads a registry document to a file with timeouts, gzip, a size limit enforced while
 * streaming, {@code ETag}/{@code Last-Modified} revalidation and redirects that never carry
 * credentials to another origin. {@link dev.mp.registry.http.CredentialProvider} is the seam for
 * authentication ({@code token:ENV} and {@code oidc:} here; other methods plug in through
 * {@link dev.mp.registry.http.CredentialProviderFactory}). Bodies are bounded in size and in time
 * (stall and whole-body limits).
 *
 * <p>Depends on the root package, {@code dev.mp.auth}, {@code dev.mp.config} and {@code dev.mp.io};
 * knows nothing of indexes.
 */
package dev.mp.registry.http;
