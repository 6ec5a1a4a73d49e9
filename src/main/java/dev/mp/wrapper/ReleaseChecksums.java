package dev.mp.wrapper;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.SafeUrl;
import dev.mp.registry.http.CredentialProvider;
import dev.mp.registry.http.FetchRequest;
import dev.mp.registry.http.FetchResult;
import dev.mp.registry.http.HttpFetcher;
import dev.mp.registry.http.HttpSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the published checksum of a release, {@code mp-<version>.jar.sha256}, from a Maven repository
 * (over HTTP with the JDK client, or a {@code file:} URL). The file holds the hex digest, alone as
 * Maven writes it or followed by a file name as {@code sha256sum} does. A token, when configured, goes
 * only to the repository's own origin.
 */
final class ReleaseChecksums {
  private static final Pattern DIGEST = Pattern.compile("\\A\\s*([0-9a-fA-F]{64})(\\s.*)?\\z", Pattern.DOTALL);
  private static final HttpSettings SETTINGS = HttpSettings.DEFAULT.withMaxBytes(4096);

  private final Map<String, String> env;
  private final Path tempDir;

  /**
   * @param env where the token variable is read
   * @param tempDir where the download is written before it is read (a cache folder)
   */
  ReleaseChecksums(Map<String, String> env, Path tempDir) {
    this.env = env;
    this.tempDir = tempDir;
  }

  /**
   * The SHA-256 (lowercase hex) that the repository publishes for {@code mp-<version>.jar}.
   *
   * @throws MpException {@code PACKAGE_UNAVAILABLE} when it cannot be fetched or is not a checksum,
   *     {@code CONFIG_ERROR} for a malformed token
   */
  String fetch(String repositoryUrl, String version, Optional<String> tokenVariable) {
    URI uri = WrapperProperties.artifactUri(repositoryUrl, version, ".jar.sha256");
    String body = uri.getScheme().equalsIgnoreCase("file") ? readFile(uri) : download(uri, tokenVariable);
    Matcher digest = DIGEST.matcher(body);
    if (!digest.matches()) {
      throw unavailable(uri, "it is not a SHA-256 checksum");
    }
    return digest.group(1).toLowerCase(Locale.ROOT);
  }

  private String readFile(URI uri) {
    try {
      return Files.readString(Path.of(uri), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw unavailable(uri, "no such file");
    } catch (IOException | IllegalArgumentException e) {
      throw unavailable(uri, MpException.describe(e));
    }
  }

  private String download(URI uri, Optional<String> tokenVariable) {
    Path target = null;
    try {
      Files.createDirectories(tempDir);
      target = Files.createTempFile(tempDir, "mp-sha256-", ".tmp");
      FetchResult result = new HttpFetcher(SETTINGS).fetch(new FetchRequest(uri, credentials(tokenVariable), null, null, target));
      if (result instanceof FetchResult.Failed failed) {
        throw unavailable(uri, failed.message());
      }
      return Files.readString(target, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw MpException.io("failed to download `" + SafeUrl.redact(uri.toString()) + "`", e);
    } finally {
      if (target != null) {
        try {
          Files.deleteIfExists(target);
        } catch (IOException ignored) {
          // A stray temp file in the cache is harmless.
        }
      }
    }
  }

  /** {@code Bearer <token>} from the variable when it is set; nothing when it is unset or empty, as in mpw. */
  private CredentialProvider credentials(Optional<String> tokenVariable) {
    if (tokenVariable.isEmpty()) {
      return CredentialProvider.NONE;
    }
    String variable = tokenVariable.get();
    return new CredentialProvider() {
      @Override
      public Optional<String> authorization() {
        String value = env.get(variable);
        if (value == null || value.isEmpty()) {
          return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
          char c = value.charAt(i);
          if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
            throw MpException.config("environment variable `" + variable + "` does not hold a valid token: it contains"
                + " spaces, quotes, backslashes or control characters", "set `" + variable + "` to the token alone");
          }
        }
        return Optional.of("Bearer " + value);
      }

      @Override
      public String describe() {
        return "token:" + variable;
      }
    };
  }

  private static MpException unavailable(URI uri, String why) {
    return new MpException(ErrorCode.PACKAGE_UNAVAILABLE,
        "failed to fetch the checksum `" + SafeUrl.redact(uri.toString()) + "`: " + why,
        "check the version and `repositoryUrl`, or pass the checksum of the jar with `--sha256`");
  }
}
