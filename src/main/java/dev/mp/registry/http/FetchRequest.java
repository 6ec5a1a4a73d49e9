package dev.mp.registry.http;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One download.
 *
 * @param uri what to fetch ({@code http} or {@code https})
 * @param credentials sent only to {@code uri}'s origin
 * @param etag the cached copy's {@code ETag} ({@code If-None-Match}), or null
 * @param lastModified the cached copy's {@code Last-Modified} ({@code If-Modified-Since}), or null
 * @param target where the (decoded) body is written; replaced only on success
 */
public record FetchRequest(URI uri, CredentialProvider credentials, String etag, String lastModified, Path target) {
  public FetchRequest {
    Objects.requireNonNull(uri);
    Objects.requireNonNull(credentials);
    Objects.requireNonNull(target);
  }
}
