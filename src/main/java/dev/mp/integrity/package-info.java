/**
 * Integrity: the canonical tree hash of DESIGN.md §2 ({@link dev.mp.integrity.TreeHash}), which gives
 * a plugin the same {@code sha512-...} integrity whether it came as a folder, an archive or a git
 * checkout, and SRI strings ({@link dev.mp.integrity.Integrity}) for archive bytes.
 *
 * <p>One implementation serves the registry (folder plugins), the installer (verification before
 * anything is placed) and the lockfile (drift). Depends only on {@code dev.mp.io}.
 */
package dev.mp.integrity;
