/**
 * Software bills of materials of the locked plugins ({@code mp lock sbom}): CycloneDX 1.6 JSON
 * ({@link dev.mp.lock.sbom.CycloneDxSbom}) and SPDX 2.3 JSON ({@link dev.mp.lock.sbom.SpdxSbom}), both
 * made from the lockfile alone, so the same lockfile gives the same bytes. Depends on {@code dev.mp.lock},
 * {@code dev.mp.capability}, {@code dev.mp.integrity} and {@code dev.mp.io}.
 */
package dev.mp.lock.sbom;
