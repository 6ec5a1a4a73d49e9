package dev.mp.lock;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code lock generate} did.
 *
 * @param file the lockfile
 * @param written false when the file already held exactly these bytes
 * @param plugins how many plugins it pins
 * @param previousVersion the {@code lockVersion} the file had before (1 when it was upgraded), or 2
 * @param unmanaged plugin folders mp did not install, left out of the lockfile
 */
public record LockGenerateResult(Path file, boolean written, int plugins, int previousVersion, List<String> unmanaged) {
  public LockGenerateResult {
    unmanaged = List.copyOf(unmanaged);
  }
}
