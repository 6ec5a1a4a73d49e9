/**
 * The command line: picocli commands that read options, call {@link dev.mp.Federation} and hand the
 * result to {@link dev.mp.cli.Output}. No logic about plugins, registries or policy lives here.
 *
 * <p>{@link dev.mp.cli.Main#run} is the in-process entry point used by tests; {@code main} only calls
 * {@code System.exit(run(...))}.
 */
package dev.mp.cli;
