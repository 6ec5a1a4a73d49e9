package dev.mp.lock.sbom;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The SBOM formats {@code mp lock sbom} writes. */
public enum SbomFormat {
  /** CycloneDX 1.6, JSON. */
  CYCLONEDX("cyclonedx"),
  /** SPDX 2.3, JSON. */
  SPDX("spdx");

  private final String wire;

  SbomFormat(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<SbomFormat> parse(String text) {
    return Arrays.stream(values()).filter(f -> f.wire.equals(text)).findFirst();
  }

  public static String choices() {
    return Arrays.stream(values()).map(SbomFormat::wire).collect(Collectors.joining(", "));
  }
}
