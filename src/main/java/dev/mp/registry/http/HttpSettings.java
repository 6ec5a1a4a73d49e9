package dev.mp.registry.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of every registry download.
 *
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for the response headers once connected
 * @param readTimeout how long the body may stall (no bytes arriving) before the download is given up
 * @param maxBytes the largest body accepted, after gzip decoding (and on the wire); enforced while
 *     streaming, so an endless or oversized response never fills the disk
 * @param maxRedirects how many redirects are followed
 * @param totalTimeout how long a body may take to arrive in all: a server that drips a byte now and
 *     then never stalls, so the read timeout alone would not end it
 */
public record HttpSettings(
    Duration connectTimeout, Duration requestTimeout, Duration readTimeout, long maxBytes, int maxRedirects,
    Duration totalTimeout) {

  /** 10 s to connect, 30 s for headers, 30 s of silence in the body, 256 MiB, 5 redirects, 10 minutes a body. */
  public static final HttpSettings DEFAULT =
      new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), 256L << 20, 5);

  /** Settings with a body time limit of 10 minutes. */
  public HttpSettings(Duration connectTimeout, Duration requestTimeout, Duration readTimeout, long maxBytes,
      int maxRedirects) {
    this(connectTimeout, requestTimeout, readTimeout, maxBytes, maxRedirects, Duration.ofMinutes(10));
  }

  public HttpSettings {
    Objects.requireNonNull(connectTimeout);
    Objects.requireNonNull(requestTimeout);
    Objects.requireNonNull(readTimeout);
    Objects.requireNonNull(totalTimeout);
    if (maxBytes <= 0 || maxRedirects < 0) {
      throw new IllegalArgumentException("maxBytes must be positive and maxRedirects not negative");
    }
  }

  /**
   * These settings with the connect, header and stall timeouts set to {@code timeout}, and a whole
   * body allowed four times as long (tests keep them short).
   */
  public HttpSettings withTimeouts(Duration timeout) {
    return new HttpSettings(timeout, timeout, timeout, maxBytes, maxRedirects, timeout.multipliedBy(4));
  }

  public HttpSettings withMaxBytes(long value) {
    return new HttpSettings(connectTimeout, requestTimeout, readTimeout, value, maxRedirects, totalTimeout);
  }

  /** These settings with {@code value} as the time limit of a whole body. */
  public HttpSettings withTotalTimeout(Duration value) {
    return new HttpSettings(connectTimeout, requestTimeout, readTimeout, maxBytes, maxRedirects, value);
  }

  /** {@code 256 MiB}, {@code 512 KiB}, {@code 100 bytes}: for messages. */
  public static String describeSize(long bytes) {
    if (bytes >= (1L << 20) && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }
}
