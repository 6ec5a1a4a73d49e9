/**
 * LockfileManager: {@code plugin-lock.json}, its model ({@link dev.mp.lock.Lockfile}) and the one
 * class that owns its bytes ({@link dev.mp.lock.LockfileCodec}); drift checks and diffs.
 *
 * <p>Depends on {@code dev.mp.io}, {@code dev.mp.integrity}, {@code dev.mp.registry} and the packages
 * to their left.
 */
package dev.mp.lock;
