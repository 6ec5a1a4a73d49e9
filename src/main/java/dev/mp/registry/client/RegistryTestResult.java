package dev.mp.registry.client;

import dev.mp.MpException;
import dev.mp.config.RegistrySpec;
import java.util.Objects;

/**
 * What {@code registry test} found.
 *
 * @param spec the registry
 * @param format {@code folder}, {@code marketplace} or {@code index} once read, else null
 * @param reachable true when the folder or file exists, or the server answered
 * @param httpStatus the final HTTP status, or null (local registries, no answer)
 * @param auth {@code none} (no auth configured), {@code accepted}, {@code refused} (401/403 with
 *     credentials), {@code required} (401/403 without), {@code missing} (credentials not configured in
 *     the environment), {@code unsupported} (a method this build lacks), {@code not-sent} (a redirect led
 *     to another origin) or {@code unused} (auth on a local registry)
 * @param plugins plugins read, or null when the document was not read
 * @param warnings how many entries were odd
 * @param bytes bytes read or downloaded, or null
 * @param millis how long the test took
 * @param failure why the registry is not usable, or null when it is; its code gives the exit code
 */
public record RegistryTestResult(
    RegistrySpec spec, String format, boolean reachable, Integer httpStatus, String auth, Integer plugins,
    int warnings, Long bytes, long millis, MpException failure) {
  public RegistryTestResult {
    Objects.requireNonNull(spec);
    Objects.requireNonNull(auth);
  }

  public boolean ok() {
    return failure == null;
  }
}
