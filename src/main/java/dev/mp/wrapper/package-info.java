/**
 * The mp wrapper of a project: {@code mpw} (a POSIX sh script, the repository's own, carried in the
 * jar as {@code dev/mp/wrapper/mpw}) and {@code .mp/wrapper.properties}, which pins the version and
 * sha256 of the mp jar the script downloads. {@link dev.mp.wrapper.WrapperProperties} is that file;
 * {@link dev.mp.wrapper.ProjectWrapper} writes both files and finds the checksum of a version;
 * {@link dev.mp.wrapper.ReleaseChecksums} reads a published {@code .sha256}.
 *
 * <p>Depends on {@code dev.mp.io}, {@code dev.mp.integrity} and {@code dev.mp.registry.http}; nothing
 * of registries, resolution or installs.
 */
package dev.mp.wrapper;
