package dev.mp.wrapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Finds programs on the test JVM's PATH; a missing shell skips its tests, unless MP_REQUIRE_DASH says CI has it. */
final class Shells {
  private Shells() {}

  static Optional<Path> find(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  /** The absolute path of {@code shell}; skips the test when it is not installed (fails under MP_REQUIRE_DASH). */
  static String require(String shell) {
    Optional<Path> found = find(shell);
    if (found.isEmpty()) {
      String why = "`" + shell + "` is not installed";
      if (System.getenv("MP_REQUIRE_DASH") != null) {
        throw new AssertionError(why + "; MP_REQUIRE_DASH is set (.ci/run installs it), so this is a failure");
      }
      Assumptions.abort(why);
    }
    return found.get().toString();
  }

  /**
   * A folder holding only {@code programs} (those installed, each a two-line script that execs the
   * real one), to use as PATH: a system without java, without curl, ...
   */
  static Path pathWith(Path dir, String... programs) throws java.io.IOException {
    Files.createDirectories(dir);
    for (String program : programs) {
      Optional<Path> found = find(program);
      if (found.isPresent()) {
        Path script = dir.resolve(program);
        Files.writeString(script, "#!/bin/sh\nexec '" + found.get() + "' \"$@\"\n");
        script.toFile().setExecutable(true);
      }
    }
    return dir;
  }
}
