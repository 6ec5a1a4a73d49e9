/**
 * The edges of mp: JSON and YAML documents that remember where each value came from (for errors that
 * name file, line and field), the canonical JSON writer behind every byte-stable file, atomic file
 * writes, inter-process file locks and URLs that are safe to print.
 *
 * <p>Depends only on the root package ({@code MpException}, {@code ErrorCode}) and Jackson. Every other
 * package may use it.
 */
package dev.mp.io;
